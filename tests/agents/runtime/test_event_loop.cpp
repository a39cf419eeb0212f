// The agents' event loop: timers fire in order, never early and precisely (a timerfd, not
// zmq_poll's milliseconds), periodic timers keep their pace, sockets and wake() interrupt the
// wait, handlers may cancel timers, post() runs tasks from other threads on the loop's.

#include <pthread.h>
#include <signal.h>

#include <QtTest>
#include <algorithm>
#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "event_loop.h"

using clusterscope::agents::EventLoop;
using Clock = EventLoop::Clock;
using namespace std::chrono_literals;

class TestEventLoop : public QObject {
  Q_OBJECT

 private slots:
  void timersFireInOrderNeverEarlyAndPrecisely() {
    EventLoop loop;
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> offsetUs(500, 60'000);
    const auto start = Clock::now();
    struct Shot {
      Clock::time_point due;
      Clock::time_point fired;
    };
    std::vector<Shot> shots(300);
    for (auto& s : shots) {
      s.due = start + std::chrono::microseconds(offsetUs(rng));
      loop.at(s.due, [&s] { s.fired = Clock::now(); });
    }
    int fired = 0;
    loop.run([&] {
      fired = static_cast<int>(std::count_if(shots.begin(), shots.end(), [](const Shot& s) {
        return s.fired != Clock::time_point{};
      }));
      return fired < 300 && Clock::now() - start < 10s;
    });
    QCOMPARE(fired, 300);
    std::vector<double> lateUs;
    for (const auto& s : shots) {
      QVERIFY(s.fired >= s.due);  // never early
      lateUs.push_back(std::chrono::duration<double, std::micro>(s.fired - s.due).count());
    }
    std::sort(lateUs.begin(), lateUs.end());
    const auto l = loop.timerLateness();
    qInfo("lateness: median %.0f us, p90 %.0f us, max %.0f us (loop: mean %.0f us)",
          lateUs[lateUs.size() / 2], lateUs[lateUs.size() * 9 / 10], lateUs.back(),
          l.meanNs / 1000);
    QCOMPARE(l.count, std::uint64_t{300});
    // zmq_poll alone rounds waits to whole milliseconds; the timerfd must do much better.
    QVERIFY2(lateUs[lateUs.size() / 2] < 1000, "timers are not precise");
    // Equal due times fire in the order they were set.
    std::vector<int> order;
    const auto same = Clock::now() + 2ms;
    for (int i = 0; i < 5; ++i) loop.at(same, [&order, i] { order.push_back(i); });
    loop.run([&] { return order.size() < 5; });
    QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4}));
  }

  void periodicTimersKeepTheirPaceAndCancel() {
    EventLoop loop;
    int ticks = 0;
    const auto start = Clock::now();
    const auto id = loop.every(10ms, [&] { ++ticks; });
    loop.run([&] { return Clock::now() - start < 505ms; });
    // The last turn may start before 505 ms and fire the tick due at 510 ms.
    QVERIFY2(ticks >= 45 && ticks <= 51, qPrintable(QString::number(ticks)));
    loop.cancel(id);
    const int before = ticks;
    const auto later = Clock::now();
    loop.run([&] { return Clock::now() - later < 50ms; });
    QCOMPARE(ticks, before);
  }

  void aHandlerCancelsAnotherTimer() {
    EventLoop loop;
    bool secondRan = false;
    bool firstRan = false;
    EventLoop::TimerId second = 0;
    loop.after(1ms, [&] {
      firstRan = true;
      loop.cancel(second);
    });
    second = loop.after(3ms, [&] { secondRan = true; });
    const auto start = Clock::now();
    loop.run([&] { return Clock::now() - start < 20ms; });
    QVERIFY(firstRan);
    QVERIFY(!secondRan);
  }

  void socketsAndWakeInterruptTheWait() {
    zmq::context_t ctx;
    zmq::socket_t in(ctx, zmq::socket_type::pair);
    in.bind("inproc://loop-test");
    zmq::socket_t out(ctx, zmq::socket_type::pair);
    out.connect("inproc://loop-test");
    EventLoop loop;
    std::vector<std::string> got;
    loop.watch(in, [&] {
      zmq::message_t m;
      while (in.recv(m, zmq::recv_flags::dontwait)) got.push_back(m.to_string());
    });
    std::atomic<bool> stop{false};
    std::thread sender([&] {
      std::this_thread::sleep_for(20ms);
      out.send(zmq::buffer(std::string("hello")), zmq::send_flags::none);
      std::this_thread::sleep_for(20ms);
      stop = true;
      loop.wake();
    });
    const auto start = Clock::now();
    // A long maximum sleep: only the message and wake() can end the waits early.
    loop.run([&] { return !stop; }, 10s);
    sender.join();
    QCOMPARE(got, std::vector<std::string>{"hello"});
    QVERIFY(Clock::now() - start < 2s);
    loop.unwatch(in);
    out.send(zmq::buffer(std::string("unheard")), zmq::send_flags::none);
    loop.runOnce(20ms);
    QCOMPARE(got.size(), std::size_t{1});
  }

  void postRunsTasksOnTheLoopThread() {
    EventLoop loop;
    std::atomic<int> ran{0};
    std::thread::id where;
    std::thread poster([&] {
      for (int i = 0; i < 100; ++i)
        loop.post([&] {
          where = std::this_thread::get_id();
          ++ran;
        });
    });
    poster.join();
    const auto end = std::chrono::steady_clock::now() + 2s;
    while (ran < 100 && std::chrono::steady_clock::now() < end) loop.runOnce(50ms);
    QCOMPARE(ran.load(), 100);
    QVERIFY(where == std::this_thread::get_id());
  }

  // A process that handles signals with a handler (not a signalfd) has its wait interrupted:
  // that is a wake-up, never an exception out of run().
  void aSignalDuringTheWaitIsAWakeUp() {
    static EventLoop* current = nullptr;
    EventLoop loop;
    current = &loop;
    struct sigaction action {};
    action.sa_handler = [](int) { current->wake(); };
    struct sigaction previous {};
    sigaction(SIGUSR1, &action, &previous);
    const pthread_t self = pthread_self();
    std::thread signaller([self] {
      std::this_thread::sleep_for(50ms);
      pthread_kill(self, SIGUSR1);
    });
    const auto start = Clock::now();
    int handled = -1;
    std::string error;
    try {
      handled = loop.runOnce(2s);
    } catch (const std::exception& e) {
      error = e.what();
    }
    signaller.join();
    sigaction(SIGUSR1, &previous, nullptr);
    QVERIFY2(error.empty(), error.c_str());
    QCOMPARE(handled, 0);
    QVERIFY(Clock::now() - start < 1s);
  }
};

QTEST_GUILESS_MAIN(TestEventLoop)
#include "test_event_loop.moc"
