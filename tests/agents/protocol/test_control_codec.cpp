// The control plane's framing and JSON bodies: every message survives encode -> decode
// unchanged, and every class of malformed input is refused with its reason, never accepted
// and never a crash.

#include <QtTest>

#include "control_policy.h"
#include "protocol_samples.h"
#include "protocol_test_helpers.h"

using namespace clusterscope::agents::protocol;
using namespace clusterscope::agents::protocol::testing;
using clusterscope::testing::sampleAgentHello;
using clusterscope::testing::sampleControlMessages;
using clusterscope::testing::samplePlan;
using clusterscope::testing::sampleServiceReport;

namespace {

QString reasonOfBody(ControlType type, std::string body) {
  return reasonOf(decode(rawControl(type, std::move(body))));
}

QString reasonOfEdit(const ControlMessage& m, const std::function<void(Json&)>& edit) {
  return reasonOf(decode(edited(m, edit)));
}

}  // namespace

class ControlCodecTest : public QObject {
  Q_OBJECT

 private slots:
  void everyMessageRoundTrips() {
    const auto samples = sampleControlMessages();
    QVERIFY(samples.size() >= 13);
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const Frames frames = encodeControl(samples[i]);
      QCOMPARE(frames.size(), std::size_t{2});
      QCOMPARE(static_cast<int>(frames[0][3]), static_cast<int>(controlTypeOf(samples[i])));
      const auto decoded = decode(frames);
      QVERIFY2(decoded.ok(), qPrintable(QString::number(i) + ": " + messageOf(decoded)));
      QVERIFY2(decoded.value() == samples[i], qPrintable(QString::fromStdString(frames[1])));
      QCOMPARE(encodeControl(decoded.value()), frames);
    }
    // Every type appears.
    std::vector<bool> seen(14, false);
    for (const auto& m : samples) seen[static_cast<std::size_t>(controlTypeOf(m))] = true;
    for (int t = 1; t <= 13; ++t) QVERIFY2(seen[t], controlTypeName(static_cast<ControlType>(t)));
  }

  void framingIsCheckedFirst() {
    const Frames good = encodeControl(Bye{"x"});
    QCOMPARE(reasonOf(decode(Frames{})), QString("frame_count"));
    QCOMPARE(reasonOf(decode(Frames{good[0]})), QString("frame_count"));
    QCOMPARE(reasonOf(decode(Frames{good[0], good[1], "extra"})), QString("frame_count"));
    QCOMPARE(reasonOf(decode(Frames{"CS\x01", good[1]})), QString("frame_size"));
    QCOMPARE(reasonOf(decode(Frames{good[0] + "x", good[1]})), QString("frame_size"));
    QCOMPARE(reasonOf(decode(Frames{"XS\x01\x04", good[1]})), QString("bad_magic"));
    const auto major = decode(Frames{std::string("CS\x02\x04", 4), good[1]});
    QCOMPARE(reasonOf(major), QString("bad_version"));
    QCOMPARE(messageOf(major), QString("protocol major version 2, this side speaks 1"));
    for (int type : {0, 14, 200, 255}) {
      QCOMPARE(reasonOf(decode(Frames{std::string{'C', 'S', 1, static_cast<char>(type)}, "{}"})),
               QString("unknown_type"));
    }
    // Oversize bodies are refused by size, before any parsing (the text is not even JSON).
    QCOMPARE(reasonOfBody(ControlType::Bye, std::string(kMaxControlBodyBytes + 1, '[')),
             QString("frame_size"));
    QCOMPARE(reasonOfBody(ControlType::Report, std::string(kMaxReportBodyBytes + 1, ' ')),
             QString("frame_size"));
    QCOMPARE(reasonOfBody(ControlType::Bye, std::string(kMaxReportBodyBytes + 1, ' ') + "{}"),
             QString("accepted"));
  }

  void bodyMustBeAnObjectOfUtf8Json() {
    QCOMPARE(reasonOfBody(ControlType::Bye, ""), QString("bad_json"));
    QCOMPARE(reasonOfBody(ControlType::Bye, "{"), QString("bad_json"));
    QCOMPARE(reasonOfBody(ControlType::Bye, "{\"reason\": \"\xff\"}"), QString("bad_json"));
    QCOMPARE(reasonOfBody(ControlType::Bye, "{\"reason\": \"\xc3\"}"), QString("bad_json"));
    QCOMPARE(reasonOfBody(ControlType::Bye, "{\"reason\": \"\\ud800\"}"), QString("bad_json"));
    QCOMPARE(reasonOfBody(ControlType::Bye, "{} {}"), QString("bad_json"));
    QCOMPARE(reasonOfBody(ControlType::Bye, "[]"), QString("wrong_type"));
    QCOMPARE(reasonOfBody(ControlType::Bye, "\"text\""), QString("wrong_type"));
    // NaN and infinities are not JSON; a number beyond a double is refused too.
    QCOMPARE(reasonOfBody(ControlType::Report, R"({"seq": NaN, "time_ns": 0, "state": "ready"})"),
             QString("bad_json"));
    QCOMPARE(
        reasonOfBody(ControlType::Report, R"({"seq": Infinity, "time_ns": 0, "state": "ready"})"),
        QString("bad_json"));
    QCOMPARE(reasonOfBody(ControlType::Report, R"({"seq": 1e999, "time_ns": 0, "state": "ready"})"),
             QString("bad_json"));
    // Nesting is counted before parsing, whatever the text.
    const std::string deep = "{\"a\":" + std::string(16, '[') + std::string(16, ']') + "}";
    QCOMPARE(reasonOfBody(ControlType::Bye, deep), QString("too_deep"));
    QCOMPARE(reasonOfBody(ControlType::Bye, std::string(1'000'000, '[')), QString("too_deep"));
    const std::string ok = "{\"a\":" + std::string(15, '[') + std::string(15, ']') + "}";
    QCOMPARE(reasonOfBody(ControlType::Bye, ok), QString("accepted"));
    // Brackets inside strings do not count.
    QCOMPARE(reasonOfBody(ControlType::Bye, "{\"reason\": \"" + std::string(100, '[') + "\"}"),
             QString("accepted"));
  }

  void fieldsAreTypedAndBounded() {
    const Hello hello = sampleAgentHello();
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["instance"] = nullptr; }), QString("wrong_type"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["workers"] = "4"; }), QString("wrong_type"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["workers"] = 4.5; }), QString("wrong_type"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["workers"] = 4.0; }), QString("accepted"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["workers"] = -1; }), QString("out_of_range"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["workers"] = 0; }), QString("out_of_range"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["workers"] = 1ull << 40; }),
             QString("out_of_range"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["replica"] = 20000; }), QString("out_of_range"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j.erase("instance"); }), QString("missing_field"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j.erase("service"); }), QString("missing_field"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["endpoints"].erase("requests"); }),
             QString("missing_field"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["instance"] = std::string(129, 'a'); }),
             QString("too_long"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["instance"] = std::string(128, 'a'); }),
             QString("accepted"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["service"] = "or ders"; }), QString("bad_value"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["service"] = ""; }), QString("bad_value"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["role"] = "wizard"; }), QString("bad_value"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["language"] = "c\x1b[31m"; }),
             QString("bad_value"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["endpoints"]["requests"] = "127.0.0.1:5"; }),
             QString("bad_value"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["endpoints"]["requests"] = "tcp://a b:1"; }),
             QString("bad_value"));
    QCOMPARE(
        reasonOfEdit(hello, [](Json& j) { j["capabilities"] = Json(std::vector<int>(65, 1)); }),
        QString("too_long"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["capabilities"] = {"Upper"}; }),
             QString("bad_value"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["calls"][0]["mode"] = "maybe"; }),
             QString("bad_value"));
    QCOMPARE(reasonOfEdit(hello, [](Json& j) { j["calls"] = Json::object(); }),
             QString("wrong_type"));
    QCOMPARE(reasonOfEdit(Welcome{0, {}, "hub-1", 100, 500, 1000},
                          [](Json& j) { j["suspect_after_ms"] = 2000; }),
             QString("inconsistent"));
    QCOMPARE(reasonOfEdit(CommandResult{1, true, ""}, [](Json& j) { j["id"] = 1ull << 53; }),
             QString("out_of_range"));
  }

  void errorsSayWhere() {
    const auto d = decode(
        edited(sampleServiceReport(), [](Json& j) { j["service"]["edges"][0]["calls"] = -3; }));
    QCOMPARE(reasonOf(d), QString("out_of_range"));
    QCOMPARE(messageOf(d), QString("REPORT /service/edges/0/calls: must be at least 0, got -3"));
    const auto missing = decode(edited(sampleAgentHello(), [](Json& j) { j.erase("role"); }));
    QCOMPARE(messageOf(missing), QString("HELLO /: missing required key \"role\""));
  }

  // Minor versions add keys: an older reader ignores them, anywhere in the body.
  void unknownKeysAreIgnored() {
    for (const ControlMessage& m :
         {ControlMessage(sampleAgentHello()), ControlMessage(sampleServiceReport()),
          ControlMessage(Cluster{samplePlan(), 3})}) {
      const auto d = decode(edited(m, [](Json& j) {
        j["future_key"] = {{"nested", {1, 2, 3}}};
        for (auto& [key, value] : j.items()) {
          if (value.is_object()) value["also_new"] = "x";
        }
      }));
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      QVERIFY(d.value() == m);
    }
  }

  void clusterIndexesAreChecked() {
    const Cluster cluster{samplePlan(), 0};
    QCOMPARE(reasonOfEdit(cluster, [](Json& j) { j["cluster"]["layout"]["entry"] = 4; }),
             QString("out_of_range"));
    QCOMPARE(reasonOfEdit(cluster, [](Json& j) { j["cluster"]["layout"]["edges"][0]["to"] = -1; }),
             QString("out_of_range"));
    QCOMPARE(
        reasonOfEdit(cluster,
                     [](Json& j) { j["cluster"]["layout"]["components"][0]["deployment"] = 3; }),
        QString("out_of_range"));
    QCOMPARE(
        reasonOfEdit(cluster,
                     [](Json& j) { j["cluster"]["layout"]["deployments"][0]["components"] = {1}; }),
        QString("inconsistent"));
    QCOMPARE(
        reasonOfEdit(cluster,
                     [](Json& j) { j["cluster"]["layout"]["deployments"][0].erase("replicas"); }),
        QString("missing_field"));
    QCOMPARE(reasonOfEdit(PeerState{1, "orders#1", Liveness::Joined, "", sampleAgentHello()},
                          [](Json& j) { j["instance"] = "orders#2"; }),
             QString("inconsistent"));
  }

  // The table of docs/protocol.md, "Who may send what".
  void whoMaySendWhat() {
    QCOMPARE(keyRoleFromUserId(""), std::optional(KeyRole::None));
    QCOMPARE(keyRoleFromUserId("controller"), std::optional(KeyRole::Controller));
    QCOMPARE(keyRoleFromUserId(keyRoleUserId(KeyRole::Agent)), std::optional(KeyRole::Agent));
    QVERIFY(!keyRoleFromUserId("admin"));
    for (KeyRole key : {KeyRole::None, KeyRole::Agent, KeyRole::Controller}) {
      for (PeerRole role : {PeerRole::Agent, PeerRole::Broker, PeerRole::Loadgen}) {
        QVERIFY(mayJoinAs(key, role));
      }
      QCOMPARE(mayJoinAs(key, PeerRole::Monitor), key != KeyRole::Agent);
      QCOMPARE(mayJoinAs(key, PeerRole::Launcher), key == KeyRole::Controller);
      for (ControlType t : {ControlType::Hello, ControlType::Report, ControlType::Bye,
                            ControlType::CommandResult}) {
        QVERIFY(maySendToHub(key, t));
      }
      QCOMPARE(maySendToHub(key, ControlType::Subscribe), key != KeyRole::Agent);
      QCOMPARE(maySendToHub(key, ControlType::Command), key == KeyRole::Controller);
      QCOMPARE(maySendToHub(key, ControlType::Cluster), key == KeyRole::Controller);
      QCOMPARE(maySendToHub(key, ControlType::PeerState), key == KeyRole::Controller);
      for (ControlType t : {ControlType::Welcome, ControlType::Error, ControlType::Snapshot,
                            ControlType::Update, ControlType::Routes}) {
        QVERIFY(!maySendToHub(key, t));
      }
    }
  }

  // A COMMAND refused for its content still says which command it was.
  void aRefusedCommandsIdCanBeRead() {
    const Frames misspelt = {encodeControl(Command{})[0],
                             R"({"id":7,"action":{"action":"kill_replica","servce":"x"}})"};
    QCOMPARE(reasonOf(decodeControl(viewsOf(misspelt))), QString("bad_action"));
    QCOMPARE(refusedCommandId(viewsOf(misspelt)), std::optional<std::uint64_t>(7));
    const Frames noId = {misspelt[0], R"({"action":{"action":"kill_replica"}})"};
    QVERIFY(!refusedCommandId(viewsOf(noId)));
    const Frames report = encodeControl(sampleServiceReport());
    QVERIFY(!refusedCommandId(viewsOf(report)));
    QVERIFY(!refusedCommandId(viewsOf(Frames{misspelt[0], "not json"})));
  }

  // The hub relays a report's body as it came: the UPDATE decodes as if encoded whole.
  void relayedUpdatesSpliceTheReportBody() {
    const Report report = sampleServiceReport();
    const Frames reportFrames = encodeControl(report);
    const auto spliced = encodeRelayedUpdate(42, "orders#1", reportFrames[1]);
    QVERIFY(spliced.has_value());
    const auto views = viewsOf(*spliced);
    const auto d = decodeControl(views);
    QVERIFY2(d.ok(), qPrintable(messageOf(d)));
    QVERIFY(std::get<Update>(d.value()) == (Update{42, "orders#1", report}));
    // Not a bare object, or too deep for one more level: the caller encodes instead.
    QVERIFY(!encodeRelayedUpdate(1, "a", " " + reportFrames[1]));
    std::string deep = R"({"seq":1,"time_ns":0,"state":"ready","x":)";
    for (int i = 0; i < 15; ++i) deep += "[";
    for (int i = 0; i < 15; ++i) deep += "]";
    deep += "}";
    QVERIFY(decodeControl(viewsOf(Frames{encodeControl(report)[0], deep})).ok());
    QVERIFY(encodeRelayedUpdate(1, "a", deep).has_value() == false);
  }

  void snapshotSplitsIntoParts() {
    std::vector<PeerEntry> peers;
    for (int i = 0; i < 40; ++i) {
      PeerEntry p{sampleAgentHello(), Liveness::Joined, "", sampleServiceReport()};
      p.hello.instance = "orders#" + std::to_string(i);
      peers.push_back(p);
    }
    const std::size_t onePeer =
        encodeControl(Snapshot{1, 1, 1, std::nullopt, {peers[0]}})[1].size();
    const std::size_t limit = 5 * onePeer;
    const auto parts = encodeSnapshot(42, samplePlan(), peers, limit);
    QVERIFY(parts.size() >= 8);
    std::vector<PeerEntry> joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      QVERIFY(parts[i][1].size() <= limit);
      const auto d = decode(parts[i]);
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      const auto& s = std::get<Snapshot>(d.value());
      QCOMPARE(s.seq, 42ull);
      QCOMPARE(s.part, static_cast<std::int64_t>(i + 1));
      QCOMPARE(s.parts, static_cast<std::int64_t>(parts.size()));
      QCOMPARE(s.cluster.has_value(), i == 0);
      joined.insert(joined.end(), s.peers.begin(), s.peers.end());
    }
    QVERIFY(joined == peers);
    QVERIFY(*std::get<Snapshot>(decode(parts[0]).value()).cluster == samplePlan());
    // Nothing known yet: one part.
    const auto empty = encodeSnapshot(1, std::nullopt, {});
    QCOMPARE(empty.size(), std::size_t{1});
    QVERIFY(std::get<Snapshot>(decode(empty[0]).value()) == (Snapshot{1, 1, 1, std::nullopt, {}}));
    // A peer larger than the limit still travels, alone.
    QCOMPARE(encodeSnapshot(1, std::nullopt, peers, 10).size(), peers.size());
    QCOMPARE(reasonOfEdit(Snapshot{1, 2, 2, samplePlan(), {}}, [](Json&) {}),
             QString("inconsistent"));
    QCOMPARE(reasonOfEdit(Snapshot{1, 1, 1, std::nullopt, {}}, [](Json& j) { j["part"] = 2; }),
             QString("out_of_range"));
  }
};

QTEST_APPLESS_MAIN(ControlCodecTest)
#include "test_control_codec.moc"
