#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "cluster_view.h"
#include "control_messages.h"
#include "latency_histogram.h"

// Synthetic hub streams for the cluster view's tests and benchmark: processes that count as
// real ones do (cumulative counters, a histogram of every value served), and a hub that relays
// what they say to a monitor, each message encoded and decoded by the protocol codec as on the
// wire.

namespace clusterscope::testing {

namespace protocol = agents::protocol;
namespace cv = agents::cluster_view;
using namespace std::chrono_literals;

protocol::Hello agentHello(const std::string& service, int replica, std::int64_t pid,
                           const std::string& language = "c++", const std::string& node = "");
protocol::Hello loadgenHello(const std::string& entry);
protocol::Hello brokerHello();

// frontend (2 replicas, node-a) -sync-> backend (1 replica, node-b); entry frontend.
protocol::ClusterPlan twoServicePlan();

// One service replica or the load generator, counting as a process does: everything since its
// start. Values recorded go to the cumulative histogram.
class FakeProcess {
 public:
  explicit FakeProcess(protocol::Hello hello) : hello_(std::move(hello)) {}

  // A service replica: one request that completed after `latencyNs`, or failed.
  void serve(std::int64_t latencyNs);
  void fail(model::FailureCause cause);
  // An edge of this replica: one call to `to` that completed after `latencyNs`.
  void call(const std::string& to, std::int64_t latencyNs);
  void setGauges(std::int64_t busy, std::int64_t queued, std::int64_t workers);
  // The load generator: one request sent that completed after `latencyNs`, or failed.
  void request(std::int64_t latencyNs);
  void requestFailed(model::FailureCause cause);
  void setInFlight(std::int64_t n) { inFlight_ = n; }

  // The next report: seq + 1, the counters so far (a broker's: none, the test adds its queues).
  protocol::Report report(model::ReplicaState state = model::ReplicaState::Ready);
  // Starts again as a new process: counters and seq from zero, another pid.
  void restart();

  const protocol::Hello& hello() const { return hello_; }
  const std::string& instance() const { return hello_.instance; }

 private:
  protocol::Hello hello_;
  std::uint64_t seq_ = 0;
  std::uint64_t arrivals_ = 0, completed_ = 0, failed_ = 0;
  model::FailureCounts failedBy_;
  engine::LatencyHistogram latency_;
  struct Edge {
    std::string to;
    std::uint64_t calls = 0;
    engine::LatencyHistogram latency;
  };
  std::vector<Edge> edges_;
  std::int64_t busy_ = 0, queued_ = 0, workers_ = 4, inFlight_ = 0;
};

// The hub's side of a monitor's connection, with a clock the test moves.
class HubStream {
 public:
  explicit HubStream(cv::ClusterView& view, std::string hub = "hub-1");

  void welcome();
  void cluster(const protocol::ClusterPlan& plan);
  void joined(const protocol::Hello& hello);
  void liveness(const std::string& instance, protocol::Liveness liveness,
                const std::string& reason = "");
  void update(const std::string& instance, const protocol::Report& report);
  void update(FakeProcess& process, model::ReplicaState state = model::ReplicaState::Ready) {
    update(process.instance(), process.report(state));
  }
  // SNAPSHOT of `peers`, in parts of at most `perPart` peers, at the next sequence number.
  void snapshot(const std::vector<protocol::PeerEntry>& peers,
                const protocol::ClusterPlan* plan = nullptr, std::size_t perPart = 100);
  // A message as the hub would send it (its seq left as given).
  void send(const protocol::ControlMessage& message);
  // Skips `n` sequence numbers, as a hub dropping updates at its high-water mark.
  void dropSeq(std::uint64_t n) { seq_ += n; }

  void advance(cv::Clock::duration d) { now_ += d; }
  cv::Instant now() const { return now_; }
  std::uint64_t seq() const { return seq_; }
  void setHub(std::string hub) { hub_ = std::move(hub); }

 private:
  cv::ClusterView& view_;
  std::string hub_;
  std::uint64_t seq_ = 0;
  cv::Instant now_ = cv::Instant{} + 1000s;  // any origin: the view only takes differences
};

// A monitor WELCOMEd by a hub that relayed `plan` (null: a cluster nobody launched), and the
// processes the test starts in that cluster.
struct Monitor {
  explicit Monitor(const protocol::ClusterPlan* plan = nullptr, cv::ViewOptions options = {});
  // The process joins (PEER_STATE with its HELLO) and sends its first report (nothing counted).
  FakeProcess& start(protocol::Hello hello);

  cv::ClusterView view;
  HubStream hub{view};
  std::deque<FakeProcess> processes;  // a deque: references stay valid as processes start
};

}  // namespace clusterscope::testing
