// clusterscope-agent as a real process against a real hub (CURVE, fresh keys), on 127.0.0.1
// with ports chosen by the system: a sync chain of two agents, the commands an agent obeys
// through the hub, 10^5 garbage frames to its request socket, its /metrics page under
// promtool, and a clean drain on SIGTERM. Every child dies with the test.

#include <httplib.h>
#include <signal.h>

#include <QProcess>
#include <QStandardPaths>
#include <random>
#include <sstream>

#include "agent_test_support.h"
#include "promtool_check.h"
#include "request_client.h"

using namespace clusterscope;
using namespace clusterscope::testing;
using namespace std::chrono_literals;
namespace p = clusterscope::agents::protocol;
using model::FailureCause;

namespace {

const char* kChain = R"({"format": 1, "name": "chain", "seed": 3, "duration_s": 60,
  "services": [
    {"name": "api", "workers": 4, "service_time_ms": 2,
     "calls": [{"to": "orders", "timeout_ms": 500}]},
    {"name": "orders", "workers": 2, "service_time_ms": 5}],
  "workload": {"entry": "api", "rate_rps": 10}})";

p::Command actionCommand(model::ActionKind kind, const std::string& service, double value = 0) {
  model::Action a;
  a.kind = kind;
  a.service = service;
  a.factor = value;
  a.rate = value;
  p::Command c;
  c.what = a;
  return c;
}

std::string fetch(const std::string& url) {
  const QRegularExpression re(R"(http://([^:/]+):(\d+)(/\S*))");
  const auto m = re.match(QString::fromStdString(url));
  if (!m.hasMatch()) return {};
  httplib::Client http(m.captured(1).toStdString(), m.captured(2).toInt());
  http.set_connection_timeout(5);
  const auto res = http.Get(m.captured(3).toStdString());
  return res && res->status == 200 ? res->body : std::string();
}

double sample(const std::string& page, const std::string& series) {
  const auto at = page.find(series + " ");
  return at == std::string::npos ? -1 : std::stod(page.substr(at + series.size() + 1));
}

}  // namespace

class TestAgentProcess : public QObject {
  Q_OBJECT

  zmq::context_t context_;

 private slots:
  void aSyncChainOfTwoAgents() {
    LiveHub hub;
    const std::string scenario = writeText(hub.dir(), "chain.json", kChain);
    AgentProcess orders(hub,
                        {"--scenario", QString::fromStdString(scenario), "--service", "orders"});
    AgentProcess api(hub, {"--scenario", QString::fromStdString(scenario), "--service", "api",
                           "--node", "node-a"});
    QVERIFY2(!orders.endpoint.empty(), qPrintable(orders.process->errors()));
    QVERIFY2(!api.endpoint.empty(), qPrintable(api.process->errors()));
    agents::EventLoop loop;
    Monitor monitor(loop, context_, hub);
    QVERIFY(monitor.waitReady("orders#0", 10s));
    QVERIFY(monitor.waitReady("api#0", 10s));
    // What api announced: its call, its node, its endpoints.
    const p::Hello* hello = monitor.hello("api#0");
    QVERIFY(hello);
    QCOMPARE(hello->calls.size(), std::size_t{1});
    QCOMPARE(hello->calls[0].to, std::string("orders"));
    QCOMPARE(hello->node, std::string("node-a"));
    QCOMPARE(hello->endpoints.requests, api.endpoint);
    QCOMPARE(hello->language, std::string("c++"));

    RequestClient client(loop, context_, api.endpoint);
    // api calls orders once ROUTES has named it: until then its calls fail no_replica.
    QVERIFY(runUntil(
        loop,
        [&] {
          const auto a = client.call(2s);
          return a && a->type == p::RequestType::Reply;
        },
        10s));
    std::vector<std::uint64_t> ids;
    for (int i = 0; i < 20; ++i) ids.push_back(client.send(1'000'000'000));
    for (const auto id : ids) {
      const auto a = client.wait(id, 5s);
      QVERIFY(a);
      QCOMPARE(a->type, p::RequestType::Reply);
      QVERIFY2(a->elapsedNs >= 7'000'000, "api's 2 ms and orders' 5 ms, in sequence");
    }
    // Both reports agree with what happened: 21 or more through api, each a call to orders.
    QVERIFY(runUntil(
        loop,
        [&] {
          const p::Report* a = monitor.report("api#0");
          const p::Report* o = monitor.report("orders#0");
          return a && o && a->service->completed >= 21 && o->service->completed >= 21;
        },
        5s));
    const p::ServiceTelemetry& a = *monitor.report("api#0")->service;
    const p::ServiceTelemetry& o = *monitor.report("orders#0")->service;
    QCOMPARE(a.edges.size(), std::size_t{1});
    const p::EdgeTelemetry& edge = a.edges[0];
    QCOMPARE(edge.to, std::string("orders"));
    QCOMPARE(edge.completed, o.completed);
    QCOMPARE(edge.inFlight, std::int64_t{0});
    QVERIFY(edge.latency && edge.latency->count() == edge.completed);
    QCOMPARE(a.workers, std::int64_t{4});
    QCOMPARE(o.latency.count(), o.completed);
    QVERIFY(o.latency.minNs >= 5'000'000);  // its service time, held by a precise timer
  }

  void theCommandsAnAgentObeys() {
    LiveHub hub;
    AgentProcess orders(hub, {"--service", "orders", "--workers", "4", "--service-time", "10"});
    QVERIFY2(!orders.endpoint.empty(), qPrintable(orders.process->errors()));
    agents::EventLoop loop;
    Monitor monitor(loop, context_, hub);
    QVERIFY(monitor.waitReady("orders#0", 10s));
    RequestClient client(loop, context_, orders.endpoint);
    auto served = [&] { return client.call(); };
    QCOMPARE(served()->type, p::RequestType::Reply);

    // slow_service: the service time times 3.
    auto r = monitor.command(actionCommand(model::ActionKind::SlowService, "orders", 3));
    QVERIFY(r && r->ok);
    auto answer = served();
    QVERIFY(answer && answer->type == p::RequestType::Reply && answer->elapsedNs >= 30'000'000);
    QVERIFY(runUntil(
        loop, [&] { return monitor.report("orders#0")->service->slowFactor == 3.0; }, 3s));

    // set_error_rate 1: every request answered `error`.
    r = monitor.command(actionCommand(model::ActionKind::SetErrorRate, "orders", 1));
    QVERIFY(r && r->ok);
    answer = served();
    QCOMPARE(answer->type, p::RequestType::Error);
    QCOMPARE(answer->cause, FailureCause::Error);
    QVERIFY(runUntil(
        loop, [&] { return monitor.report("orders#0")->service->errorRate == 1.0; }, 3s));

    // reset_faults: the scenario's factor and rate again.
    p::Command reset;
    reset.what = p::ResetFaults{};
    r = monitor.command(reset);
    QVERIFY(r && r->ok);
    answer = served();
    QVERIFY(answer->type == p::RequestType::Reply && answer->elapsedNs < 30'000'000);

    // fail_first 3: the next three answered `error` at once, before the queue.
    p::Fault failFirst;
    failFirst.kind = p::FaultKind::FailFirst;
    failFirst.service = "orders";
    failFirst.count = 3;
    p::Command fault;
    fault.what = failFirst;
    r = monitor.command(fault);
    QVERIFY(r && r->ok);
    answer = served();
    QCOMPARE(answer->cause, FailureCause::Error);
    QVERIFY(answer->elapsedNs < 5'000'000);
    QVERIFY(runUntil(
        loop,
        [&] {
          const auto& f = monitor.report("orders#0")->service->faults;
          return f.size() == 1 && f[0].fault.kind == p::FaultKind::FailFirst &&
                 f[0].fault.count == 2;
        },
        3s));
    QCOMPARE(served()->cause, FailureCause::Error);
    QCOMPARE(served()->cause, FailureCause::Error);
    QCOMPARE(served()->type, p::RequestType::Reply);

    // An action for agents that concerns another service: ok, nothing changes here.
    r = monitor.command(actionCommand(model::ActionKind::SlowService, "billing", 5));
    QVERIFY(r && !r->ok);  // the hub knows no "billing": refused before any agent
    // What an agent cannot do: unsupported, from the agent itself.
    model::Action kill;
    kill.kind = model::ActionKind::BrokerOutage;
    p::Command outage;
    outage.what = kill;
    outage.target = "orders#0";
    r = monitor.command(outage);
    QVERIFY(r && !r->ok);
    QVERIFY2(r->error.find("unsupported") != std::string::npos, r->error.c_str());

    // pause for 1 s (emulated): nothing is read, fired or reported; then it all resumes.
    p::Fault pause;
    pause.kind = p::FaultKind::Pause;
    pause.service = "orders";
    pause.durationS = 1.0;
    p::Command pauseCommand;
    pauseCommand.what = pause;
    pauseCommand.target = "orders#0";  // the hub sends a pause to agents when no launcher joined
    r = monitor.command(pauseCommand);
    QVERIFY(r && r->ok);
    const auto id = client.send();
    const auto paused = client.wait(id, 5s);
    QVERIFY(paused && paused->type == p::RequestType::Reply);
    QVERIFY2(paused->latency >= 800ms, "answered only once the pause ended");
    QCOMPARE(orders.process->running(), true);
  }

  void garbageToTheRequestSocketIsCountedAndDropped() {
    LiveHub hub;
    AgentProcess orders(hub, {"--service", "orders", "--workers", "2", "--service-time", "0"});
    QVERIFY2(!orders.endpoint.empty(), qPrintable(orders.process->errors()));
    agents::EventLoop loop;
    RequestClient client(loop, context_, orders.endpoint);
    QVERIFY(client.call(10s));
    // 10^5 messages: random bytes, random frame counts, and headers with one field wrong.
    zmq::socket_t raw(context_, zmq::socket_type::dealer);
    raw.set(zmq::sockopt::linger, 0);
    raw.set(zmq::sockopt::sndhwm, 0);
    raw.connect(orders.endpoint);
    std::mt19937_64 rng(11);
    char valid[p::kMaxRequestHeaderBytes];
    p::RequestHeader h;
    h.requestId = 7;
    const std::size_t validSize = p::writeRequestHeader(h, valid);
    for (int i = 0; i < 100000; ++i) {
      const int frames = 1 + static_cast<int>(rng() % 4);
      for (int f = 0; f < frames; ++f) {
        std::string bytes;
        if (i % 3 == 0) {
          bytes.assign(valid, validSize);
          bytes[rng() % validSize] = static_cast<char>(rng());
        } else {
          bytes.resize(rng() % 120);
          for (auto& c : bytes) c = static_cast<char>(rng());
        }
        raw.send(zmq::buffer(bytes),
                 f + 1 < frames ? zmq::send_flags::sndmore : zmq::send_flags::none);
      }
    }
    // It still serves, and says what it dropped.
    const auto after = client.call(30s);
    QVERIFY2(after && after->type == p::RequestType::Reply, qPrintable(orders.process->errors()));
    QVERIFY(orders.process->running());
    // The garbage and the client's call come on two connections, which the agent reads fairly:
    // wait until every garbage message has been accounted for.
    double dropped = 0;
    double served = 0;
    const auto account = [&] {
      const std::string page = fetch(orders.metrics);
      // Every reason the request plane counts, the decoders' and "unexpected" (a REPLY or
      // ERROR sent to a server) alike.
      dropped = 0;
      std::istringstream lines(page);
      const std::string prefix =
          R"(clusterscope_dropped_messages_total{service="orders",replica="0",plane="request",)";
      for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(prefix)) dropped += std::stod(line.substr(line.rfind(' ') + 1));
      }
      served =
          sample(page, R"(clusterscope_requests_received_total{service="orders",replica="0"})");
      return dropped + (served - 2) >= 100000;
    };
    runUntil(loop, account, 5s);
    qInfo("dropped %.0f of 100000 garbage messages; %.0f accepted as requests", dropped,
          served - 2);
    // Every message is either dropped and counted, or a well-formed request (a mutated byte in a
    // free field, such as the request id, leaves a valid header): none is lost uncounted. The
    // random two thirds can never pass the magic, so at least those are dropped.
    QCOMPARE(dropped + (served - 2), 100000.0);
    QVERIFY(dropped >= 66666);
  }

  void theMetricsPagePassesPromtool() {
    LiveHub hub;
    const std::string scenario = writeText(hub.dir(), "chain.json", kChain);
    AgentProcess orders(hub,
                        {"--scenario", QString::fromStdString(scenario), "--service", "orders"});
    AgentProcess api(hub, {"--scenario", QString::fromStdString(scenario), "--service", "api"});
    QVERIFY(!orders.endpoint.empty() && !api.endpoint.empty());
    agents::EventLoop loop;
    Monitor monitor(loop, context_, hub);
    QVERIFY(monitor.waitReady("orders#0", 10s) && monitor.waitReady("api#0", 10s));
    RequestClient client(loop, context_, api.endpoint);
    QVERIFY(runUntil(
        loop, [&] { return client.call(2s)->type == p::RequestType::Reply; }, 10s));
    std::string page;
    QVERIFY(runUntil(
        loop,
        [&] {
          page = fetch(api.metrics);
          return sample(
                     page,
                     R"(clusterscope_calls_total{service="api",replica="0",from="api",to="orders",mode="sync"})") >=
                 1;
        },
        5s));
    QVERIFY(page.find("clusterscope_call_duration_seconds_bucket") != std::string::npos);
    QVERIFY(page.find("clusterscope_request_duration_seconds_count") != std::string::npos);
    const QString problems = promtoolProblems(page);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
  }

  void sigtermDrainsThenSaysBye() {
    LiveHub hub;
    AgentProcess orders(hub, {"--service", "orders", "--workers", "1", "--service-time", "300"});
    QVERIFY(!orders.endpoint.empty());
    agents::EventLoop loop;
    Monitor monitor(loop, context_, hub);
    QVERIFY(monitor.waitReady("orders#0", 10s));
    RequestClient client(loop, context_, orders.endpoint);
    const auto held = client.send();
    runFor(loop, 50ms);
    orders.process->signal(SIGTERM);
    // What it holds is finished; what comes now is refused.
    QVERIFY(runUntil(
        loop,
        [&] {
          const p::Report* r = monitor.report("orders#0");
          return r && r->state == model::ReplicaState::Draining;
        },
        3s));
    const auto late = client.call(3s);
    QVERIFY(late && late->cause == FailureCause::NoReplica);
    const auto first = client.wait(held, 3s);
    QVERIFY(first && first->type == p::RequestType::Reply);
    QCOMPARE(orders.process->waitForExit(5s), std::optional<int>(0));
    QVERIFY(runUntil(
        loop, [&] { return monitor.liveness("orders#0") == p::Liveness::Left; }, 3s));
  }

  void badCommandLines() {
    auto run = [](const QStringList& args) {
      ChildProcess p(CLUSTERSCOPE_AGENT_PATH, args);
      const auto code = p.waitForExit(10s);
      return std::pair(code.value_or(-1), p.errors());
    };
    auto [code, err] = run({"--service", "orders", "--workers", "0", "--hub", "tcp://127.0.0.1:1"});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains("/workers: must be between 1 and 10000"), qPrintable(err));
    std::tie(code, err) = run({"--scenario", "/nonexistent.json", "--service", "a"});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains("/nonexistent.json"), qPrintable(err));
    std::tie(code, err) = run({"--service", "orders", "--hub-key", "short", "--hub", "tcp://x:1"});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains("--hub-key"), qPrintable(err));
    std::tie(code, err) = run({"--service", "a b"});
    QCOMPARE(code, 2);
    std::tie(code, err) = run({"--help"});
    QCOMPARE(code, 0);
  }
};

QTEST_GUILESS_MAIN(TestAgentProcess)
#include "test_agent_process.moc"
