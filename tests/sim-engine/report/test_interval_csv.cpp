// The per-interval CSV: a rectangular table (names with commas and quotes included), one row
// per scope per interval, and numbers that add up to the run's summary.

#include <QtTest>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "failure_cause.h"
#include "qtest_std_string.h"
#include "scenario_run.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

using Row = std::vector<std::string>;

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<Row> parseCsv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
    } else if (c == '\n') {
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) rows.push_back(row);  // a last line without newline
  return rows;
}

const std::string kOddName = "mid,dle \"quoted\"";

// Three services, one with a name that needs quoting; failures of two kinds.
Scenario oddChain(CallMode mode) {
  Scenario s = chain({"front", kOddName, "back"}, mode, 300, 2.0, 1, 1, 10);
  s.seed = 3;
  s.services[0].queueCapacity = 2;
  s.services[2].errorRate = 0.05;
  return s;
}

struct Table {
  Row header;
  std::vector<Row> rows;
  std::map<std::string, int> col;

  // A failure, not an exception, for a missing column or a cell that is not a number.
  const std::string& cell(const Row& r, const std::string& name) const {
    static const std::string missing = "<missing>";
    const auto it = col.find(name);
    if (it == col.end() || static_cast<std::size_t>(it->second) >= r.size()) {
      QTest::qFail(qPrintable(QString("no cell %1").arg(name.c_str())), __FILE__, __LINE__);
      return missing;
    }
    return r[it->second];
  }
  double num(const Row& r, const std::string& name) const {
    const std::string& s = cell(r, name);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0') {
      QTest::qFail(qPrintable(QString("%1 is '%2', not a number").arg(name.c_str(), s.c_str())),
                   __FILE__, __LINE__);
      return std::nan("");
    }
    return v;
  }
};

Table runWithCsv(const Scenario& s, RunSummary* summary) {
  std::ostringstream out;
  RunOptions o;
  o.csv = &out;
  *summary = runScenario(s, o).summary;
  Table t;
  auto all = parseCsv(out.str());
  t.header = all.front();
  t.rows.assign(all.begin() + 1, all.end());
  for (std::size_t i = 0; i < t.header.size(); ++i) t.col[t.header[i]] = static_cast<int>(i);
  return t;
}

}  // namespace

class IntervalCsvTest : public QObject {
  Q_OBJECT

 private:
  RunSummary sync_, async_;
  Table syncTable_, asyncTable_;
  const std::vector<std::string> scopes_{"requests", "front", kOddName, "back", "broker"};

 private slots:
  void initTestCase() {
    syncTable_ = runWithCsv(oddChain(CallMode::Sync), &sync_);
    asyncTable_ = runWithCsv(oddChain(CallMode::Async), &async_);
    QVERIFY2(sync_.requests.failed > 0, "the scenario should produce failures");
  }

  void headerNamesEveryColumn() {
    const Row& h = syncTable_.header;
    QCOMPARE(h.size(), std::size_t{20 + kFailureCauseCount - 1});
    QCOMPARE(h[0] + "," + h[1] + "," + h[2], std::string("t_start_s,t_end_s,scope"));
    for (int c = 1; c < kFailureCauseCount; ++c) {
      QCOMPARE(h[19 + c], std::string(failureCauseName(static_cast<FailureCause>(c))));
    }
    QCOMPARE(syncTable_.col.size(), h.size());  // no duplicate column names
  }

  void everyRowHasAsManyFieldsAsTheHeader() {
    for (const Table* t : {&syncTable_, &asyncTable_}) {
      for (std::size_t i = 0; i < t->rows.size(); ++i) {
        QVERIFY2(t->rows[i].size() == t->header.size(),
                 qPrintable(QString("row %1 (%2) has %3 fields, header %4")
                                .arg(i + 1)
                                .arg(QString::fromStdString(t->rows[i].at(2)))
                                .arg(t->rows[i].size())
                                .arg(t->header.size())));
      }
    }
  }

  void oneRowPerScopePerInterval() {
    const Table& t = syncTable_;
    QCOMPARE(t.rows.size(), std::size_t{10 * 5});  // 10 intervals of 1 s, 5 scopes
    double previousEnd = 0.0;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const Row& r = t.rows[i];
      QCOMPARE(t.cell(r, "scope"), scopes_[i % 5]);
      const double start = t.num(r, "t_start_s"), end = t.num(r, "t_end_s");
      if (i % 5 == 0) {
        QCOMPARE(start, previousEnd);  // intervals are contiguous
        QCOMPARE(end, start + 1.0);
        previousEnd = end;
      } else {
        QCOMPARE(start, t.num(t.rows[i - i % 5], "t_start_s"));
      }
    }
    QCOMPARE(previousEnd, 10.0);
  }

  void cellsThatDoNotApplyAreEmpty() {
    const Table& t = syncTable_;
    for (const Row& r : t.rows) {
      const std::string& scope = t.cell(r, "scope");
      if (scope == "requests") {
        QVERIFY(t.cell(r, "utilization").empty() && t.cell(r, "backlog").empty());
        QVERIFY(!t.cell(r, "in_flight").empty() && !t.cell(r, "cores").empty());
      } else if (scope == "broker") {
        QVERIFY(t.cell(r, "latency_p99_ms").empty() && t.cell(r, "timeout").empty());
        QVERIFY(!t.cell(r, "backlog").empty() && !t.cell(r, "lag_ms").empty());
      } else {
        QVERIFY(t.cell(r, "in_flight").empty() && t.cell(r, "cores").empty());
        QVERIFY(!t.cell(r, "utilization").empty() && !t.cell(r, "queue_full").empty());
      }
    }
  }

  // No warm-up: the CSV's intervals together are the whole summary.
  void valuesAddUpToTheSummary() {
    const Table& t = syncTable_;
    std::map<std::string, double> arrivals, completed, failed, busy;
    for (const Row& r : t.rows) {
      const std::string& scope = t.cell(r, "scope");
      arrivals[scope] += t.num(r, "arrivals");
      completed[scope] += t.num(r, "completed");
      failed[scope] += t.num(r, "failed");
      if (scope == "requests" || scope == "broker") continue;
      busy[scope] += t.num(r, "utilization") * (t.num(r, "t_end_s") - t.num(r, "t_start_s"));
      double causes = 0;
      for (int c = 1; c < kFailureCauseCount; ++c) {
        causes += t.num(r, failureCauseName(static_cast<FailureCause>(c)));
      }
      QCOMPARE(causes, t.num(r, "failed"));
      const double done = t.num(r, "completed") + t.num(r, "failed");
      const double ratio = done > 0 ? t.num(r, "failed") / done : 0;
      QVERIFY(std::abs(t.num(r, "failed_ratio") - ratio) < 1e-5);
      QCOMPARE(t.num(r, "throughput_rps"), t.num(r, "completed"));  // 1-second intervals
      QCOMPARE(t.num(r, "ready_replicas"), 1.0);
    }
    QCOMPARE(arrivals["requests"], double(sync_.requests.arrivals));
    QCOMPARE(completed["requests"], double(sync_.requests.completed));
    QCOMPARE(failed["requests"], double(sync_.requests.failed));
    for (const auto& svc : sync_.services) {
      QCOMPARE(arrivals[svc.name], double(svc.traffic.arrivals));
      QCOMPARE(completed[svc.name], double(svc.traffic.completed));
      QCOMPARE(failed[svc.name], double(svc.traffic.failed));
      QVERIFY2(std::abs(busy[svc.name] / 10.0 - svc.utilization) < 1e-5,
               qPrintable(QString("%1: CSV utilization %2, summary %3")
                              .arg(svc.name.c_str())
                              .arg(busy[svc.name] / 10.0)
                              .arg(svc.utilization)));
    }
    // Sync calls: the broker sees nothing.
    QCOMPARE(arrivals["broker"], 0.0);
  }

  void requestsRowCarriesCostAndInFlight() {
    const Table& t = syncTable_;
    for (const Row& r : t.rows) {
      if (t.cell(r, "scope") != "requests") continue;
      QCOMPARE(t.num(r, "cores"), 3.0);  // three replicas of one core each
      QVERIFY(t.num(r, "in_flight") >= 0);
    }
  }

  void brokerRowsAddUpToTheSummary() {
    const Table& t = asyncTable_;
    double published = 0, delivered = 0, maxLag = 0;
    for (const Row& r : t.rows) {
      if (t.cell(r, "scope") != "broker") continue;
      published += t.num(r, "arrivals");
      delivered += t.num(r, "completed");
      maxLag = std::max(maxLag, t.num(r, "lag_ms"));
      QVERIFY(t.num(r, "backlog") >= 0);
    }
    QVERIFY2(published > 0, "async calls should go through the broker");
    QCOMPARE(published, double(async_.broker.published));
    QCOMPARE(delivered, double(async_.broker.delivered));
    QVERIFY(std::abs(maxLag - async_.broker.maxLagMs) <= 1e-5 * std::max(1.0, maxLag));
  }
};

QTEST_APPLESS_MAIN(IntervalCsvTest)
#include "test_interval_csv.moc"
