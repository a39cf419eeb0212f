// COMMAND: scenario actions with the timeline's own rules, faults, reset; and
// COMMAND_RESULT.

#include <QtTest>

#include "fault_actions.h"
#include "protocol_samples.h"
#include "protocol_test_helpers.h"
#include "scenario_loader.h"

using namespace clusterscope::agents::protocol;
using namespace clusterscope::agents::protocol::testing;
using clusterscope::model::Action;
using clusterscope::model::ActionKind;
using clusterscope::model::isFault;

namespace {

Command withAction(const Action& a) { return Command{1, "", a}; }

Command withFault(const Fault& f) { return Command{2, "orders#0", f}; }

Frames commandBody(const std::string& body) { return rawControl(ControlType::Command, body); }

Fault fault(FaultKind kind) {
  Fault f;
  f.kind = kind;
  f.service = "orders";
  return f;
}

}  // namespace

class CommandCodecTest : public QObject {
  Q_OBJECT

 private slots:
  void everyActionKindTravels() {
    using clusterscope::model::CallMode;
    std::vector<Action> actions(clusterscope::model::kActionKindCount);
    for (int i = 0; i < clusterscope::model::kActionKindCount; ++i) {
      actions[i].kind = static_cast<ActionKind>(i);
    }
    const auto set = [&](ActionKind k, auto&& fill) { fill(actions[static_cast<int>(k)]); };
    set(ActionKind::KillReplica, [](Action& a) { a.service = "orders", a.replica = 2; });
    set(ActionKind::RestartReplica, [](Action& a) { a.service = "orders", a.replica = 0; });
    set(ActionKind::CrashService, [](Action& a) { a.service = "orders"; });
    set(ActionKind::RestartService, [](Action& a) { a.service = "orders"; });
    set(ActionKind::FailNode, [](Action& a) { a.node = "n1"; });
    set(ActionKind::RecoverNode, [](Action& a) { a.node = "n1"; });
    set(ActionKind::SlowReplica, [](Action& a) { a.service = "api", a.replica = 1, a.factor = 3; });
    set(ActionKind::SlowService, [](Action& a) { a.service = "api", a.factor = 0.5; });
    set(ActionKind::SetErrorRate, [](Action& a) { a.service = "api", a.rate = 0.25; });
    set(ActionKind::Partition, [](Action& a) { a.node = "n1", a.otherNode = "n2"; });
    set(ActionKind::HealPartition, [](Action& a) { a.node = "n1", a.otherNode = "n2"; });
    set(ActionKind::BrokerOutage, [](Action& a) { a.durationS = 12; });
    set(ActionKind::SetReplicas, [](Action& a) { a.service = "orders", a.count = 5; });
    set(ActionKind::SetCallMode, [](Action& a) { a.mode = CallMode::Async; });
    set(ActionKind::SetArrivalRate, [](Action& a) { a.rate = 400; });
    set(ActionKind::RollingUpdate, [](Action& a) { a.service = "orders", a.factor = 0.9; });
    set(ActionKind::SetResilience, [](Action& a) { a.retries = false; });
    set(ActionKind::SetAutoscaler, [](Action& a) { a.enabled = false; });
    // The faults travel as `fault` / `reset_faults` and come back as the same Action.
    set(ActionKind::AddLatency, [](Action& a) { a.service = "api", a.latencyMs = 30; });
    set(ActionKind::DropMessages, [](Action& a) { a.from = "api", a.to = "orders", a.rate = 1; });
    set(ActionKind::Blackhole, [](Action& a) { a.service = "api", a.durationS = 4; });
    set(ActionKind::Pause, [](Action& a) { a.service = "api", a.replica = 0; });
    set(ActionKind::FailFirst, [](Action& a) { a.service = "api", a.count = 2; });
    for (const Action& a : actions) {
      const auto d = decode(encodeControl(withAction(a)));
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      const CommandPayload& what = std::get<Command>(d.value()).what;
      const bool fault = isFault(a.kind) || a.kind == ActionKind::ResetFaults;
      QCOMPARE(std::holds_alternative<Action>(what), !fault);
      QVERIFY2(actionOf(what) == a,
               qPrintable(QString::fromStdString(clusterscope::engine::actionToJson(a))));
    }
  }

  // The scenario loader's words, placed under /action.
  void actionsFollowTheTimelineRules() {
    const auto refused = [](const std::string& action) {
      return decode(commandBody("{\"id\": 1, \"action\": " + action + "}"));
    };
    const auto range = refused(R"({"action": "kill_replica", "service": "orders", "replica": -1})");
    QCOMPARE(reasonOf(range), QString("bad_action"));
    QCOMPARE(messageOf(range),
             QString("COMMAND /action/replica: must be between 0 and 19999, got -1"));
    const auto unknown = refused(R"({"action": "kill_replca", "service": "orders"})");
    QCOMPARE(messageOf(unknown), QString("COMMAND /action/action: unknown action \"kill_replca\" "
                                         "(did you mean \"kill_replica\"?)"));
    // A typo in a field must not widen what the command does: unknown keys are refused here.
    const auto typo =
        refused(R"({"action": "set_call_mode", "form": "a", "to": "b", "mode": "sync"})");
    QCOMPARE(reasonOf(typo), QString("bad_action"));
    QCOMPARE(reasonOf(refused(R"({"at_s": 3, "action": "broker_recover"})")),
             QString("bad_action"));
    QCOMPARE(reasonOf(refused(R"({"action": "broker_recover"})")), QString("accepted"));
    QCOMPARE(reasonOf(refused(R"("kill_replica")")), QString("wrong_type"));
  }

  void oneKindOfCommand() {
    QCOMPARE(reasonOf(decode(commandBody(R"({"id": 1})"))), QString("missing_field"));
    QCOMPARE(
        reasonOf(decode(commandBody(
            R"({"id": 1, "reset_faults": true, "fault": {"fault": "pause", "service": "a"}})"))),
        QString("inconsistent"));
    QCOMPARE(reasonOf(decode(commandBody(R"({"id": 1, "reset_faults": false})"))),
             QString("bad_value"));
    QCOMPARE(reasonOf(decode(commandBody(R"({"id": -1, "reset_faults": true})"))),
             QString("out_of_range"));
    QCOMPARE(reasonOf(decode(commandBody(R"({"id": 1, "target": "a b", "reset_faults": true})"))),
             QString("bad_value"));
  }

  void faultsRoundTripAndNameOneScope() {
    std::vector<Fault> faults;
    Fault latency = fault(FaultKind::Latency);
    latency.latencyMs = 40;
    latency.jitterMs = 10;
    latency.durationS = 5;
    faults.push_back(latency);
    Fault loss = fault(FaultKind::Loss);
    loss.service.clear();
    loss.from = "api";
    loss.to = "orders";
    loss.rate = 0.3;
    faults.push_back(loss);
    Fault pause = fault(FaultKind::Pause);
    pause.replica = 2;
    faults.push_back(pause);
    faults.push_back(fault(FaultKind::Blackhole));
    Fault first = fault(FaultKind::FailFirst);
    first.count = 3;
    faults.push_back(first);
    for (const Fault& f : faults) {
      const auto d = decode(encodeControl(withFault(f)));
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      QVERIFY(std::get<Fault>(std::get<Command>(d.value()).what) == f);
    }
    const auto reason = [](const std::string& f) {
      return reasonOf(decode(commandBody("{\"id\": 1, \"fault\": " + f + "}")));
    };
    QCOMPARE(reason(R"({"fault": "pause"})"), QString("missing_field"));
    QCOMPARE(reason(R"({"fault": "pause", "service": "a", "from": "b", "to": "c"})"),
             QString("inconsistent"));
    QCOMPARE(reason(R"({"fault": "loss", "rate": 0.1, "from": "b"})"), QString("missing_field"));
    QCOMPARE(reason(R"({"fault": "pause", "from": "b", "to": "c"})"), QString("inconsistent"));
    QCOMPARE(reason(R"({"fault": "blackhole", "from": "b", "to": "c", "replica": 1})"),
             QString("inconsistent"));
    QCOMPARE(reason(R"({"fault": "loss", "rate": 1.5, "service": "a"})"), QString("out_of_range"));
    QCOMPARE(reason(R"({"fault": "loss", "service": "a"})"), QString("missing_field"));
    QCOMPARE(reason(R"({"fault": "fail_first", "count": 0, "service": "a"})"),
             QString("out_of_range"));
    QCOMPARE(reason(R"({"fault": "latency", "ms": 5, "service": "a", "duration_s": -1})"),
             QString("out_of_range"));
    QCOMPARE(reason(R"({"fault": "melt", "service": "a"})"), QString("bad_value"));
  }

  void commandResults() {
    QCOMPARE(reasonOf(decode(rawControl(ControlType::CommandResult, R"({"id": 1, "ok": true})"))),
             QString("accepted"));
    QCOMPARE(reasonOf(decode(
                 rawControl(ControlType::CommandResult, R"({"id": 1, "ok": true, "error": "x"})"))),
             QString("inconsistent"));
    QCOMPARE(reasonOf(decode(rawControl(ControlType::CommandResult, R"({"id": 1, "ok": false})"))),
             QString("inconsistent"));
    QCOMPARE(reasonOf(decode(rawControl(ControlType::CommandResult, R"({"id": 1, "ok": 1})"))),
             QString("wrong_type"));
  }
};

QTEST_APPLESS_MAIN(CommandCodecTest)
#include "test_command_codec.moc"
