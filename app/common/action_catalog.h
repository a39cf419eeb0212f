#pragma once

#include <QCoreApplication>
#include <QString>
#include <array>
#include <string>
#include <vector>

#include "action.h"

// The one table of the actions the GUI offers, with their texts and strengths: the topology's
// context menus and the control bar both take their actions from here, so "slow" or "errors"
// mean the same wherever they are clicked. Texts are translatable (context "ActionCatalog").

namespace clusterscope::app {

struct OfferedAction {
  QString text;
  model::Action action;
};

class ActionCatalog {
  Q_DECLARE_TR_FUNCTIONS(ActionCatalog)

 public:
  static constexpr double kSlowFactor = 5.0;                     // service time × this
  static constexpr std::array<double, 2> kErrorRates{0.1, 0.5};  // offered error rates
  static constexpr double kBrokerOutageS = 10.0;

  // A replica, named by its deployment and number.
  static OfferedAction killReplica(const std::string& service, int replica);
  static OfferedAction restartReplica(const std::string& service, int replica);
  static OfferedAction slowReplica(const std::string& service, int replica);
  static OfferedAction normalReplica(const std::string& service, int replica);

  // A service (or a monolith's process).
  static OfferedAction setReplicas(const std::string& service, int count, bool adding);
  static OfferedAction slowService(const std::string& service);
  static OfferedAction normalService(const std::string& service);
  // rate 0 turns injected errors off. Works on a module's name too.
  static OfferedAction errorRate(const std::string& service, double rate);
  static OfferedAction crashService(const std::string& service);
  static OfferedAction crashModule(const std::string& module, const std::string& host);
  static OfferedAction restartService(const std::string& service);
  static OfferedAction rollingUpdate(const std::string& service);
  // An empty service name switches every autoscaled service.
  static OfferedAction autoscaler(const std::string& service, bool on);

  // Nodes and the network between them.
  static OfferedAction failNode(const std::string& node);
  static OfferedAction recoverNode(const std::string& node);
  static OfferedAction partition(const std::string& node, const std::string& other);
  static OfferedAction healPartition(const std::string& node, const std::string& other);

  // Calls: one edge, or with empty names every edge between services.
  static OfferedAction callMode(const std::string& from, const std::string& to,
                                model::CallMode mode);

  static OfferedAction brokerOutage(double durationS);  // 0: until recovered
  static OfferedAction brokerRecover();

  static OfferedAction arrivalRate(double rps);

  // Faults (Toxiproxy's, Chaos Mesh's), each with a duration, on a process (service, replica
  // or -1 for every replica) or on a call edge (from, to): the "Faults" submenus.
  static constexpr double kFaultLatencyMs = 100.0;
  static constexpr double kFaultJitterMs = 20.0;
  static constexpr double kFaultLossRate = 0.2;
  static constexpr int kFaultFailFirst = 10;
  static constexpr double kFaultDurationS = 30.0;
  static constexpr double kFaultShortS = 10.0;  // blackhole and pause: a shorter outage
  struct FaultScope {
    std::string service;   // a process: a service (or module) ...
    int replica = -1;      // ... one replica, or -1 for all
    std::string from, to;  // or an edge
  };
  // Latency, loss, blackhole, pause (processes only), fail-first, in that order.
  static std::vector<OfferedAction> faults(const FaultScope& scope);
  static OfferedAction resetFaults();
  enum class Resilience { Timeouts, Retries, CircuitBreakers };
  static OfferedAction resilience(Resilience which, bool on);
};

}  // namespace clusterscope::app
