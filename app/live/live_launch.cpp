#include "live_launch.h"

#include <unistd.h>

#include <QMetaObject>
#include <stdexcept>

#include "launcher_thread.h"

namespace clusterscope::app {

namespace ln = agents::launcher;

LiveLaunch::LiveLaunch(engine::Scenario scenario, QObject* parent)
    : QObject(parent), scenario_(std::move(scenario)) {}

bool LiveLaunch::canMakeNodeNamespaces() { return ::geteuid() == 0; }

LiveLaunch::~LiveLaunch() {
  // The window is going: its processes go with it at once (LauncherThread kills and reaps).
  if (thread_ && thread_->running()) thread_->kill();
  thread_.reset();
}

void LiveLaunch::start() {
  if (thread_) throw std::runtime_error("this run was already started");
  ln::LaunchSettings settings;
  settings.scenario = scenario_;
  settings.netns = nodeNamespaces_;
  // Every callback below runs on the launcher's thread: hand each to this object's thread.
  // A LiveLaunch destroyed meanwhile drops them (the context object is gone).
  auto post = [this](auto f) {
    QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection);
  };
  ln::LauncherEvents events;
  events.progress = [this, post](const ln::LaunchProgress& p) {
    post([this, ready = p.ready, awaited = p.awaited, message = QString::fromStdString(p.message)] {
      emit progress(ready, awaited, message);
    });
  };
  events.trafficStarted = [this, post](auto) {
    post([this] {
      trafficStarted_ = true;
      emit started();
    });
  };
  events.action = [this, post](const ln::ActionEvent& e) {
    if (e.source != "timeline" || !e.action) return;
    post([this, action = *e.action, ok = e.ok, error = QString::fromStdString(e.error)] {
      emit timelineAction(action, ok, error);
    });
  };
  events.process = [this, post](const ln::ProcessEvent& e) {
    if (e.kind != ln::ProcessEvent::Kind::Exited || e.expected) return;
    const QString message = QString::fromStdString(e.process.instance + ": " + e.reason);
    post([this, message] { emit processLost(message); });
  };
  events.durationReached = [this, post](auto) { post([this] { emit durationReached(); }); };
  events.stopped = [this, post](const ln::LaunchResult& r) {
    post([this, error = QString::fromStdString(r.ok ? std::string() : r.error)] {
      emit stopped(error);
    });
  };
  thread_ = std::make_unique<ln::LauncherThread>(std::move(settings), std::move(events));
  try {
    thread_->start();
  } catch (...) {
    thread_.reset();
    throw;
  }
  connectionFile_ = QString::fromStdString(
      thread_->call([](ln::Launcher& l) { return l.info().connectionFile; }, std::string()));
}

void LiveLaunch::stop() {
  if (thread_) thread_->stop();
}

bool LiveLaunch::running() const { return thread_ && thread_->running(); }

}  // namespace clusterscope::app
