// Every numeric field's range, at both ends: the value on the bound loads, the nearest value
// past it is refused at that field. The table (data/ranges/fields.json) is shared with
// check_schema.py, which checks scenarios/schema.json against the same bounds, so the loader
// and the schema cannot drift apart; docs/scenario-format.md states the same values.

#include <QtTest>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::engine::testing;
using Json = nlohmann::json;

namespace {

Json table() {
  std::ifstream in(dataFile("ranges/fields.json"));
  return Json::parse(in);
}

// The base scenario with `with` applied and the field set to `value`.
std::string documentWith(const Json& t, const Json& field, const Json& value) {
  Json doc = t["base"];
  const Json with = field.value("with", Json::object());
  for (const auto& [pointer, v] : with.items()) {
    doc[Json::json_pointer(pointer)] = v;
  }
  doc[Json::json_pointer(field["pointer"].get<std::string>())] = value;
  return doc.dump();
}

// One past the bound: the next integer, or the next double.
Json beyond(const Json& bound, bool integer, bool up) {
  if (integer) {
    if (bound.is_number_unsigned() && up) {
      const auto u = bound.get<std::uint64_t>();
      if (u == std::numeric_limits<std::uint64_t>::max()) return 18446744073709551616.0;
      return u + 1;
    }
    const auto i = bound.get<std::int64_t>();
    return up ? i + 1 : i - 1;
  }
  const double d = bound.get<double>();
  return std::nextafter(d, up ? INFINITY : -INFINITY);
}

}  // namespace

class ScenarioRangesTest : public QObject {
  Q_OBJECT

 private slots:
  void baseLoads() {
    const Json t = table();
    const LoadResult r = load(t["base"].dump());
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
  }

  void boundsHold_data() {
    QTest::addColumn<QByteArray>("field");
    const Json t = table();
    for (const Json& field : t["fields"]) {
      QTest::newRow(field["pointer"].get<std::string>().c_str())
          << QByteArray::fromStdString(field.dump());
    }
  }
  void boundsHold() {
    QFETCH(QByteArray, field);
    const Json t = table();
    const Json f = Json::parse(field.toStdString());
    const std::string pointer = f["pointer"];
    const bool integer = f.value("integer", false);
    auto accepted = [&](const Json& value) {
      const LoadResult r = load(documentWith(t, f, value));
      QVERIFY2(r.ok(),
               qPrintable(QString::fromStdString(value.dump()) + ": " + errorLines(r).join('\n')));
    };
    auto refused = [&](const Json& value) {
      const QStringList errors = errorLines(load(documentWith(t, f, value)));
      const QString at = QString::fromStdString(pointer + ": ");
      QVERIFY2(std::any_of(errors.begin(), errors.end(),
                           [&](const QString& e) { return e.contains(at); }),
               qPrintable(QString::fromStdString(value.dump()) + " was not refused at " + at +
                          "\n" + errors.join('\n')));
    };
    if (f.contains("min")) {
      accepted(f["min"]);
      refused(beyond(f["min"], integer, false));
    }
    if (f.contains("above")) {
      refused(f["above"]);
      accepted(beyond(f["above"], integer, true));
    }
    if (f.contains("max")) {
      accepted(f["max"]);
      refused(beyond(f["max"], integer, true));
    }
  }
};

QTEST_GUILESS_MAIN(ScenarioRangesTest)
#include "test_scenario_ranges.moc"
