#pragma once

// Internal: the simulation's state and event handlers. The handlers are split over several
// files by subject (core_*.cpp); Simulation is the public face.

#include <string>
#include <utility>
#include <vector>

#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "event_queue.h"
#include "interval_report.h"
#include "runtime_model.h"
#include "simulation_limits.h"
#include "simulation_observer.h"
#include "traffic_stats.h"

namespace clusterscope::engine::detail {

// A sync call chain deeper than this fails: it can only come from a cycle made at run time
// (the loader rejects sync cycles in files), and it must not exhaust memory.
inline constexpr int kMaxCallDepth = 64;
// A closed workload's user whose request failed waits at least this long before the next.
inline constexpr SimTime kUserPauseAfterFailure = kNanosPerMilli;
// A node index meaning "outside the cluster": the clients, which no partition cuts off.
inline constexpr int kClientNode = -1;

class Core {
 public:
  Core(const Scenario& scenario, const SimulationLimits& limits);

  bool step();
  void runUntil(SimTime t);
  bool runUntil(SimTime t, std::uint64_t maxEvents);
  std::uint64_t runEvents(std::uint64_t n);
  std::string applyAction(const model::Action& action, bool record);
  model::ClusterSnapshot snapshot() const;

  SimTime now_ = 0;
  SimTime end_ = 0;
  bool finished_ = false;
  std::uint64_t events_ = 0;
  EventQueue queue_;
  Scenario scenario_;
  model::ClusterLayout layout_;
  std::vector<SimulationObserver*> observers_;
  std::vector<model::TimelineEntry> applied_;
  std::string stopReason_;  // why the run ended before its end time; empty otherwise

 private:
  void build();
  void buildNodes();
  void buildDeployments();
  void buildEdges();
  void scheduleStart();
  void dispatch(const Event& e);
  // Guards against runs that cannot end well (core_limits.cpp): a handler asks to stop, and
  // step() ends the run once the handler has returned.
  void requestStop(std::string reason);
  void checkWorkInFlight();
  void finishEarly();
  std::string overloadMessage(std::uint64_t work) const;
  std::string stuckMessage(const Event& e) const;
  void schedule(SimTime at, EventType type, std::uint32_t target, std::uint64_t token,
                EventPriority priority = EventPriority::Normal) {
    queue_.push(at, priority, type, target, token);
    if (queue_.size() >= purgeAt_) purgeStaleEvents();
  }
  // Stale events are ignored when they come up, but a timeout far longer than the call it
  // guards would sit in the heap for its whole length: at a high rate, gigabytes. Whenever
  // the heap has doubled since the last purge, the stale ones go (core_limits.cpp).
  void purgeStaleEvents();
  bool isStale(const Event& e) const;
  SimTime networkDelay();
  bool partitioned(int nodeA, int nodeB) const;
  int deploymentByName(const std::string& name) const;

  // Workload (core_workload.cpp).
  void scheduleNextArrival();
  void onExternalArrival(std::uint64_t token);
  void onUserThinkDone(std::uint32_t user);
  void startRequest(std::uint32_t user);
  void finishRequest(std::uint32_t request, model::FailureCause cause);
  void onClientReply(const Event& e);
  void onClientTimeout(const Event& e);
  void setArrivalRate(double rps);
  void touchRequests();

  // Tasks on replicas (core_tasks.cpp).
  std::uint32_t allocTask();
  void freeTask(std::uint32_t t);
  void sendTask(std::uint32_t t, int fromNode);
  std::uint32_t pickReplica(Deployment& d);
  void onTaskArrive(const Event& e);
  void acceptAtReplica(std::uint32_t t);
  void startService(std::uint32_t t);
  void beginWork(std::uint32_t t);
  void onServiceDone(const Event& e);
  void finishTask(std::uint32_t t, model::FailureCause cause);
  void completeTask(std::uint32_t t, model::FailureCause cause);  // stats, reply, free
  void attach(std::uint32_t t);
  void detach(std::uint32_t t);
  void releaseWorker(std::uint32_t deployment, std::uint32_t replica);
  int nodeOfTask(std::uint32_t t) const;

  // Calls (core_calls.cpp).
  void continueCalls(std::uint32_t t);
  void startAttempt(std::uint32_t t);
  void scheduleReply(std::uint32_t parent, std::uint64_t call, model::FailureCause cause,
                     SimTime delay);
  void onReply(const Event& e);
  void onCallTimeout(const Event& e);
  void onRetry(const Event& e);
  void resolveCall(std::uint32_t t, model::FailureCause cause);

  // Broker (core_broker.cpp).
  void publish(std::uint32_t caller, std::uint32_t edge);
  void onBrokerPublish(const Event& e);
  void dispatchBacklog(std::uint32_t deployment);
  void acceptMessage(std::uint32_t edge, SimTime publishedAt);
  void deliver(std::uint32_t deployment, std::uint32_t replica);
  void redeliver(const Task& task);
  void setBrokerUp(bool up);

  // Replicas, nodes, autoscaling (core_cluster.cpp).
  void startReplica(std::uint32_t d, std::uint32_t r);
  int chooseNode(const Deployment& d, int preferred) const;
  void onReplicaReady(const Event& e);
  void makeReady(std::uint32_t d, std::uint32_t r);
  void killReplica(std::uint32_t d, std::uint32_t r);
  void drainReplica(std::uint32_t d, std::uint32_t r);
  void finishDrainIfIdle(std::uint32_t d, std::uint32_t r);
  void releaseCores(Deployment& d, Replica& rep);
  void setDesired(std::uint32_t d, int count);
  std::uint32_t freeSlot(std::uint32_t d);
  bool reviveDraining(std::uint32_t d);
  void failNode(int node);
  void recoverNode(int node);
  void onReschedule(const Event& e);
  void placePending();
  void onAutoscalerTick(std::uint32_t d);
  void startRollingUpdate(std::uint32_t d, double factor);
  void onRollingStep(std::uint32_t d, bool poll);
  void touchDeployment(Deployment& d);
  void touchCores();
  void setReplicaState(Deployment& d, std::uint32_t r, model::ReplicaState s);

  // Faults (core_faults.cpp): AddLatency ... FailFirst and ResetFaults, applied where
  // messages travel (sendTask, publish, the replies in completeTask) and where a process
  // works (a paused replica defers what reaches it). With no fault ever applied, nothing here
  // runs and no random number is drawn, so runs without faults are unchanged.
  std::string applyFault(const model::Action& a);
  void endFault(std::size_t index);
  void onFaultEnd(std::uint64_t id);
  void resetFaults();
  // Who a message meets faults at: the replica it reaches, or the caller sending on an edge.
  FaultTarget receiver(std::uint32_t d, std::uint32_t r) const;
  FaultTarget sender(std::uint32_t edge, std::uint32_t caller) const;
  // Lost (a blackhole, a loss draw), or delayed by the latencies in force.
  MessageFate fateOf(const FaultTarget& at);
  // Takes one from a FailFirst fault in force: true when this request fails.
  bool takeFailFirst(const FaultTarget& at);
  bool blackholed(const FaultTarget& at) const;
  // A blackhole swallows task t's answer: on its replica, or on the edge it came by.
  bool replyLost(std::uint32_t t) const;
  void pauseReplica(std::uint32_t d, std::uint32_t r);
  void resumeReplica(std::uint32_t d, std::uint32_t r);
  // Schedules again, now, what reached a paused replica (at its end, or its death).
  void releaseDeferred(std::uint32_t d, std::uint32_t r);
  bool isPaused(std::uint32_t t) const;
  // Keeps `e` while task t's replica is paused; true when kept.
  bool deferIfPaused(const Event& e, std::uint32_t t);

  // Actions (core_actions.cpp).
  std::string applyNow(const model::Action& a);
  std::string applyReplicaAction(const model::Action& a);
  std::string applyEdgeMode(const model::Action& a);
  std::string checkScaling(std::uint32_t d, int count) const;
  std::string checkNodeAction(const model::Action& a) const;

  // Metrics (core_metrics.cpp).
  void onIntervalTick();
  void closeInterval();
  void scheduleNextTick();
  void refreshLiveViews();

  SimulationLimits limits_;
  bool stopRequested_ = false;
  std::uint64_t eventsAtInstant_ = 0;  // events run at now_ so far
  std::size_t purgeAt_ = kFirstPurge;
  static constexpr std::size_t kFirstPurge = 1u << 16;

  // Model.
  std::vector<NodeState> nodes_;
  std::vector<Deployment> deployments_;
  std::vector<Component> components_;
  std::vector<Edge> edges_;
  std::vector<std::pair<int, int>> partitions_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pending_;  // unplaced replicas
  Sampler network_;
  Sampler brokerDelay_;
  Sampler thinkTime_;
  Rng arrivalRng_;
  Rng networkRng_;
  Rng routingRng_;  // load balancing and call probabilities
  Rng userRng_;

  // Workload and traffic.
  double arrivalRate_ = 0.0;
  std::uint64_t arrivalGeneration_ = 0;
  std::vector<Task> tasks_;
  std::vector<std::uint32_t> freeTasks_;
  std::vector<Request> requests_;
  std::vector<std::uint32_t> freeRequests_;
  std::uint64_t nextCall_ = 0;
  std::uint64_t requestsInFlight_ = 0;
  SimTime requestsSince_ = 0;
  double requestArea_ = 0.0;
  double provisionedCores_ = 0.0;
  SimTime coresSince_ = 0;
  double coreArea_ = 0.0;

  // Broker.
  bool brokerUp_ = true;
  std::uint64_t brokerOutage_ = 0;  // generation, so a stale recovery timer does nothing
  std::uint64_t backlogTotal_ = 0;
  BrokerIntervalStats brokerStats_;

  // Faults in force (core_faults.cpp), and the events that reached paused replicas.
  struct DeferredEvent {
    std::uint32_t deployment = 0;
    std::uint32_t replica = 0;
    Event event;
  };
  std::vector<ActiveFault> faults_;
  std::vector<DeferredEvent> deferred_;
  std::uint64_t nextFaultId_ = 0;
  bool pausedEver_ = false;  // from then on, ServiceDone checks its time and its replica
  Rng faultRng_;             // loss and jitter draws

  // Policies switched from the GUI.
  bool timeoutsOn_ = true;
  bool retriesOn_ = true;
  bool breakersOn_ = true;

  // Current interval.
  SimTime intervalStart_ = 0;
  SimTime intervalLength_ = 0;
  SimTime warmupEnd_ = 0;
  TrafficStats requestStats_;
  std::vector<TrafficStats> componentStats_;
  std::vector<TrafficStats> edgeStats_;
  std::vector<DeploymentIntervalStats> deploymentStats_;
  // Last closed interval, for snapshots.
  std::vector<model::ComponentView> liveComponents_;
  std::vector<model::EdgeView> liveEdges_;
  std::vector<double> liveUtilization_;
  double liveThroughput_ = 0, liveP50_ = 0, liveP95_ = 0, liveP99_ = 0, liveFailed_ = 0;
  double liveLagMs_ = 0;
};

}  // namespace clusterscope::engine::detail
