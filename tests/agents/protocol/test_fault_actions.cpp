// The faults' two spellings (fault_actions.h): a model::Action AddLatency ... ResetFaults and
// the protocol's Fault / ResetFaults map both ways with the same scope, numbers and duration;
// a COMMAND holding a fault as an Action travels as `fault` / `reset_faults`; and an `action`
// naming a fault is refused, so that each command has one spelling.

#include <QtTest>

#include "fault_actions.h"
#include "protocol_test_helpers.h"

using namespace clusterscope::agents::protocol;
using namespace clusterscope::agents::protocol::testing;
using clusterscope::model::Action;
using clusterscope::model::ActionKind;

namespace {

Action onProcess(ActionKind kind, int replica = -1) {
  Action a;
  a.kind = kind;
  a.service = "orders";
  a.replica = replica;
  return a;
}

Action onEdge(ActionKind kind) {
  Action a;
  a.kind = kind;
  a.from = "api";
  a.to = "orders";
  return a;
}

// Each fault kind on a process and on an edge (pause on processes only), with its numbers and
// sometimes a duration; and a reset.
std::vector<Action> everyFault() {
  using K = ActionKind;
  std::vector<Action> out;
  const auto add = [&](Action a, auto&& fill) {
    fill(a);
    out.push_back(a);
  };
  add(onProcess(K::AddLatency, 1),
      [](Action& a) { a.latencyMs = 40, a.jitterMs = 10, a.durationS = 5; });
  add(onEdge(K::AddLatency), [](Action& a) { a.latencyMs = 0.5; });
  add(onProcess(K::DropMessages), [](Action& a) { a.rate = 0.25; });
  add(onEdge(K::DropMessages), [](Action& a) { a.rate = 1, a.durationS = 0.5; });
  add(onProcess(K::Blackhole, 0), [](Action&) {});
  add(onEdge(K::Blackhole), [](Action&) {});
  add(onProcess(K::Pause, 2), [](Action& a) { a.durationS = 3; });
  add(onProcess(K::FailFirst), [](Action& a) { a.count = 7; });
  add(onEdge(K::FailFirst), [](Action& a) { a.count = 1000000000; });
  add(Action{}, [](Action& a) { a.kind = K::ResetFaults; });
  return out;
}

QString label(const Action& a) {
  return QString::fromStdString(clusterscope::model::describeAction(a));
}

}  // namespace

class FaultActionsTest : public QObject {
  Q_OBJECT

 private slots:
  void eachFaultMapsToItsProtocolFormAndBack() {
    const std::vector<Action> faults = everyFault();
    QSet<int> kinds;
    for (const Action& a : faults) {
      kinds.insert(static_cast<int>(a.kind));
      const CommandPayload payload = commandPayload(a);
      QVERIFY2(!std::holds_alternative<Action>(payload), qPrintable(label(a)));
      QVERIFY2(actionOf(payload) == a, qPrintable(label(a)));
    }
    QCOMPARE(kinds.size(), 6);
    // The names and numbers as docs/protocol.md's table gives them.
    const auto faultOf = [](const Action& a) { return std::get<Fault>(commandPayload(a)); };
    const Fault latency = faultOf(faults[0]);
    QCOMPARE(latency.kind, FaultKind::Latency);
    QCOMPARE(latency.service, std::string("orders"));
    QCOMPARE(latency.replica, 1);
    QCOMPARE(latency.latencyMs, 40.0);
    QCOMPARE(latency.jitterMs, 10.0);
    QCOMPARE(latency.durationS, 5.0);
    const Fault loss = faultOf(faults[3]);
    QCOMPARE(loss.kind, FaultKind::Loss);
    QCOMPARE(loss.from + ">" + loss.to, std::string("api>orders"));
    QCOMPARE(loss.rate, 1.0);
    QCOMPARE(faultOf(faults[5]).kind, FaultKind::Blackhole);
    QCOMPARE(faultOf(faults[6]).kind, FaultKind::Pause);
    QCOMPARE(faultOf(faults[8]).kind, FaultKind::FailFirst);
    QCOMPARE(faultOf(faults[8]).count, std::uint64_t{1000000000});
    QVERIFY(std::holds_alternative<ResetFaults>(commandPayload(faults.back())));
  }

  void onlyTheNumbersOfItsKindTravel() {
    Action a = onProcess(ActionKind::Blackhole);
    a.rate = 0.5;
    a.latencyMs = 3;
    a.count = 4;
    const Fault f = std::get<Fault>(commandPayload(a));
    QCOMPARE(f.rate, 0.0);
    QCOMPARE(f.latencyMs, 0.0);
    QCOMPARE(f.count, std::uint64_t{0});
  }

  void otherActionsStayActions() {
    Action kill = onProcess(ActionKind::KillReplica, 1);
    QVERIFY(std::get<Action>(commandPayload(kill)) == kill);
    QVERIFY(std::get<Action>(protocolForm(kill)) == kill);
    Fault pause;
    pause.kind = FaultKind::Pause;
    pause.service = "orders";
    QVERIFY(std::get<Fault>(protocolForm(pause)) == pause);
  }

  void aCountBeyondAnActionsIsNotAnAction() {
    // The wire allows up to 2^53 - 1; a model Action's count is an int.
    Fault f;
    f.kind = FaultKind::FailFirst;
    f.service = "orders";
    f.count = 2147483647;
    QCOMPARE(actionOf(f)->count, 2147483647);
    f.count = 2147483648u;
    QVERIFY(!actionOf(f).has_value());
  }

  void aCommandHoldingAFaultActionTravelsAsAFault() {
    for (const Action& a : everyFault()) {
      const Command command{9, "", a};
      const Frames frames = encodeControl(command);
      const Json body = Json::parse(frames[1]);
      const bool reset = a.kind == ActionKind::ResetFaults;
      QVERIFY2(!body.contains("action"), frames[1].c_str());
      QVERIFY2(body.contains(reset ? "reset_faults" : "fault"), frames[1].c_str());
      const auto d = decode(frames);
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      const Command& back = std::get<Command>(d.value());
      QCOMPARE(back.id, std::uint64_t{9});
      QVERIFY(back.what == protocolForm(command.what));
      QVERIFY2(actionOf(back.what) == a, qPrintable(label(a)));
    }
    Action latency = onProcess(ActionKind::AddLatency);
    latency.latencyMs = 12.5;
    QCOMPARE(QString::fromStdString(encodeControl(Command{1, "", latency})[1]),
             QString(R"({"fault":{"fault":"latency","ms":12.5,"service":"orders"},"id":1})"));
  }

  void anActionNamingAFaultIsRefused() {
    const auto decoded = [](const std::string& action) {
      return decode(rawControl(ControlType::Command, "{\"id\": 1, \"action\": " + action + "}"));
    };
    const auto pause = decoded(R"({"action": "pause", "service": "orders"})");
    QCOMPARE(reasonOf(pause), QString("bad_action"));
    QCOMPARE(messageOf(pause), QString("COMMAND /action/action: \"pause\" travels as a \"fault\""));
    const auto reset = decoded(R"({"action": "reset_faults"})");
    QCOMPARE(messageOf(reset),
             QString("COMMAND /action/action: \"reset_faults\" travels as \"reset_faults\": true"));
    QCOMPARE(reasonOf(decoded(R"({"action": "slow_service", "service": "a", "factor": 2})")),
             QString("accepted"));
  }
};

QTEST_APPLESS_MAIN(FaultActionsTest)
#include "test_fault_actions.moc"
