// The engine's texts without Qt: positional formatting, padding by characters, and the
// translator hook the applications install (English without one, as the agents run).

#include <QtTest>

#include "engine_text.h"
#include "scenario_loader.h"

using namespace clusterscope;

namespace {

// Uninstalls the hook when a test ends, whatever it checked: the other tests expect English.
struct HookGuard {
  ~HookGuard() { text::setTranslator(nullptr); }
};

}  // namespace

class EngineTextTest : public QObject {
  Q_OBJECT

 private slots:
  void formatReplacesNumberedPlaceholdersInOnePass() {
    QCOMPARE(text::format("%1 of %2", {"a", "b"}), std::string("a of b"));
    // A translation may put them in another order.
    QCOMPARE(text::format("%2 : %1", {"a", "b"}), std::string("b : a"));
    // An argument that holds a placeholder is not expanded again (names come from files).
    QCOMPARE(text::format("%1 and %2", {"%2", "x"}), std::string("%2 and x"));
    // A % that is not a placeholder stays: "12.5%", "%9" without a ninth argument.
    QCOMPARE(text::format("%1% of %9", {"12.5"}), std::string("12.5% of %9"));
  }

  void padCountsCharactersNotBytes() {
    QCOMPARE(text::width("échouées"), std::size_t(8));
    QCOMPARE(text::pad("échouées", 10, false), std::string("  échouées"));
    QCOMPARE(text::pad("ok", 8, true), std::string("ok      "));
    QCOMPARE(text::pad("too long", 3, true), std::string("too long"));
  }

  void theHookTranslatesTheLoadersDiagnostics() {
    HookGuard guard;
    const char* json = R"({"format": 1, "name": "x", "duration_s": 10, "services": [],
                          "workload": {"entry": "a", "rate_rps": 1}, "colour": 1})";
    const auto english = engine::loadScenarioText(json, "x.json");
    QVERIFY(!english.ok());
    QCOMPARE(english.errors.back().message, std::string("unknown key \"colour\""));

    text::setTranslator([](const char* context, const char* source) {
      return std::string(context) + "[" + source + "]";
    });
    const auto marked = engine::loadScenarioText(json, "x.json");
    QCOMPARE(marked.errors.size(), english.errors.size());
    // The sentence is looked up whole, then its placeholders are filled.
    QCOMPARE(marked.errors.back().message, std::string("ScenarioLoader[unknown key \"colour\"]"));

    text::setTranslator(nullptr);
    QCOMPARE(engine::loadScenarioText(json, "x.json").errors.back().message,
             english.errors.back().message);
  }
};

QTEST_GUILESS_MAIN(EngineTextTest)
#include "test_engine_text.moc"
