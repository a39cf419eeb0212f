// The event queue's order is what makes a seed give one run: (time, priority, insertion
// sequence), total and stable. Checked on hand-made ties and against two reference models.

#include <QtTest>
#include <algorithm>
#include <set>
#include <tuple>
#include <vector>

#include "event_queue.h"
#include "random.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;

namespace {

// What the queue must reproduce: (time, priority, sequence) as the reference key, the token
// as the identity of the pushed event.
struct Pushed {
  SimTime time;
  int priority;
  std::uint64_t seq;
  std::uint64_t token;
  auto key() const { return std::tie(time, priority, seq); }
  bool operator<(const Pushed& o) const { return key() < o.key(); }
};

EventPriority priorityOf(int p) { return static_cast<EventPriority>(p); }

QString describe(const Event& e) {
  return QString("event(time %1, token %2, target %3)").arg(e.time).arg(e.token).arg(e.target);
}

}  // namespace

class EventQueueTest : public QObject {
  Q_OBJECT

 private slots:
  void emptyQueue() {
    EventQueue q;
    QVERIFY(q.empty());
    QCOMPARE(q.size(), std::size_t{0});
  }

  void earlierTimeRunsFirstWhateverThePriority() {
    EventQueue q;
    q.push(200, EventPriority::Interval, EventType::IntervalTick, 0, 1);
    q.push(100, EventPriority::Normal, EventType::ServiceDone, 0, 2);
    q.push(kNever, EventPriority::Interval, EventType::IntervalTick, 0, 3);
    q.push(0, EventPriority::Normal, EventType::TaskArrive, 0, 4);
    const std::vector<std::uint64_t> expected{4, 2, 1, 3};
    for (std::uint64_t token : expected) {
      const Event e = q.pop();
      QVERIFY2(e.token == token,
               qPrintable(QString("expected token %1, got %2").arg(token).arg(describe(e))));
    }
    QVERIFY(q.empty());
  }

  void sameTimeLowerPriorityFirst() {
    EventQueue q;
    // Pushed in the reverse of the order they must run in.
    q.push(50, EventPriority::Normal, EventType::ServiceDone, 0, 2);
    q.push(50, EventPriority::Control, EventType::TimelineAction, 0, 1);
    q.push(50, EventPriority::Interval, EventType::IntervalTick, 0, 0);
    for (std::uint64_t token = 0; token < 3; ++token) {
      QCOMPARE(q.top().token, token);
      const Event e = q.pop();
      QVERIFY2(e.token == token, qPrintable("priority order broken at " + describe(e)));
      QCOMPARE(e.time, SimTime{50});
    }
  }

  void sameTimeSamePriorityKeepsInsertionOrder() {
    EventQueue q;
    constexpr std::uint64_t kCount = 5000;
    for (std::uint64_t i = 0; i < kCount; ++i) {
      q.push(7, EventPriority::Normal, EventType::TaskArrive, static_cast<std::uint32_t>(i), i);
    }
    for (std::uint64_t i = 0; i < kCount; ++i) {
      const Event e = q.pop();
      QVERIFY2(
          e.token == i,
          qPrintable(QString("insertion order broken: pop %1 gave %2").arg(i).arg(describe(e))));
    }
  }

  void poppedEventCarriesItsFields() {
    EventQueue q;
    q.push(123456789, EventPriority::Control, EventType::CallTimeout, 42, 0xfeedULL);
    const Event e = q.pop();
    QCOMPARE(e.time, SimTime{123456789});
    QCOMPARE(e.type, EventType::CallTimeout);
    QCOMPARE(e.target, 42u);
    QCOMPARE(e.token, 0xfeedULL);
  }

  void sizeAndClear() {
    EventQueue q;
    for (int i = 0; i < 10; ++i) {
      q.push(10 - i, EventPriority::Normal, EventType::Reply, 0, static_cast<std::uint64_t>(i));
      QCOMPARE(q.size(), static_cast<std::size_t>(i + 1));
    }
    q.pop();
    QCOMPARE(q.size(), std::size_t{9});
    QVERIFY(!q.empty());
    q.clear();
    QVERIFY(q.empty());
    QCOMPARE(q.size(), std::size_t{0});
    // Usable again, with insertion order still respected among ties.
    q.push(5, EventPriority::Normal, EventType::Reply, 0, 1);
    q.push(5, EventPriority::Normal, EventType::Reply, 0, 2);
    q.push(3, EventPriority::Normal, EventType::Reply, 0, 0);
    QCOMPARE(q.pop().token, 0ULL);
    QCOMPARE(q.pop().token, 1ULL);
    QCOMPARE(q.pop().token, 2ULL);
    QVERIFY(q.empty());
  }

  // 100k pushes, then a full drain: the drain must equal a stable sort by (time, priority).
  void drainMatchesStableSort() {
    Rng rng(2024);
    EventQueue q;
    std::vector<Pushed> pushed;
    constexpr std::uint64_t kCount = 100'000;
    for (std::uint64_t i = 0; i < kCount; ++i) {
      // Few distinct times and three priorities: many ties, which is where order goes wrong.
      const SimTime t = rng.below(500);
      const int p = static_cast<int>(rng.below(3));
      q.push(t, priorityOf(p), EventType::TaskArrive, 0, i);
      pushed.push_back({t, p, i, i});
    }
    std::stable_sort(pushed.begin(), pushed.end(), [](const Pushed& a, const Pushed& b) {
      return std::tie(a.time, a.priority) < std::tie(b.time, b.priority);
    });
    QCOMPARE(q.size(), pushed.size());
    for (std::size_t i = 0; i < pushed.size(); ++i) {
      const Event e = q.pop();
      if (e.token != pushed[i].token) {
        QFAIL(qPrintable(QString("pop %1: expected token %2 (time %3, priority %4), got %5")
                             .arg(i)
                             .arg(pushed[i].token)
                             .arg(pushed[i].time)
                             .arg(pushed[i].priority)
                             .arg(describe(e))));
      }
    }
    QVERIFY(q.empty());
  }

  // Pushes and pops interleaved as the engine does (new events at or after "now"), checked
  // pop by pop against an ordered multiset.
  void interleavedMatchesOrderedModel() {
    Rng rng(77);
    EventQueue q;
    std::multiset<Pushed> model;
    std::uint64_t seq = 0;
    SimTime now = 0;
    std::uint64_t pops = 0;
    while (seq < 100'000 || !model.empty()) {
      const bool push = seq < 100'000 && (model.empty() || rng.below(100) < 55);
      if (push) {
        const SimTime t = now + rng.below(64);
        const int p = static_cast<int>(rng.below(3));
        q.push(t, priorityOf(p), EventType::ServiceDone, static_cast<std::uint32_t>(seq % 97), seq);
        model.insert({t, p, seq, seq});
        ++seq;
      } else {
        const Pushed expected = *model.begin();
        model.erase(model.begin());
        QCOMPARE(q.top().token, expected.token);
        const Event e = q.pop();
        if (e.token != expected.token || e.time != expected.time) {
          QFAIL(qPrintable(QString("pop %1: expected token %2 at time %3, got %4")
                               .arg(pops)
                               .arg(expected.token)
                               .arg(expected.time)
                               .arg(describe(e))));
        }
        QVERIFY2(e.time >= now, "time went backwards");
        now = e.time;
        ++pops;
      }
      QCOMPARE(q.size(), model.size());
    }
    QCOMPARE(pops, 100'000ULL);
    QVERIFY(q.empty());
  }
};

QTEST_APPLESS_MAIN(EventQueueTest)
#include "test_event_queue.moc"
