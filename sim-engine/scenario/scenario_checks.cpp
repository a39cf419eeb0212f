#include <algorithm>
#include <unordered_map>

#include "internal/call_graph.h"
#include "internal/scenario_parts.h"

// Cross-checks over the structure: unique names, call targets, the workload entry, sync-call
// cycles, node capacity and size limits.

namespace clusterscope::engine::loader {

namespace {

using limits::kMaxComponents;
using limits::kMaxTotalReplicas;

std::string servicePointer(std::size_t i) { return "/services/" + std::to_string(i); }
std::string modulePointer(std::size_t i, std::size_t j) {
  return servicePointer(i) + "/modules/" + std::to_string(j);
}

void checkUniqueNames(Problems& p, const Scenario& s) {
  std::unordered_map<std::string, std::string> first;
  const auto claim = [&](const std::string& name, const std::string& pointer) {
    if (name.empty()) return;
    const auto [it, inserted] = first.emplace(name, pointer);
    if (!inserted) {
      p.add(pointer, text::format(text::translate("ScenarioLoader",
                                                  "duplicate name \"%1\": already used at %2"),
                                  {name, it->second}));
    }
  };
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    claim(s.services[i].name, servicePointer(i) + "/name");
    for (std::size_t j = 0; j < s.services[i].modules.size(); ++j) {
      claim(s.services[i].modules[j].name, modulePointer(i, j) + "/name");
    }
  }
  first.clear();
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    claim(s.nodes[i].name, "/nodes/" + std::to_string(i) + "/name");
  }
}

void checkTotals(Problems& p, const Scenario& s) {
  // The most replicas each service can have during the run: its initial count, its
  // autoscaler's maximum, any set_replicas (a module name stands for its host).
  std::unordered_map<std::string, std::size_t> owner;
  std::vector<long long> peak(s.services.size());
  std::size_t components = 0;
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    const ServiceSpec& service = s.services[i];
    components += std::max<std::size_t>(1, service.modules.size());
    peak[i] = service.replicas;
    if (service.autoscale) peak[i] = std::max<long long>(peak[i], service.autoscale->maxReplicas);
    owner.emplace(service.name, i);
    for (const ModuleSpec& m : service.modules) owner.emplace(m.name, i);
  }
  for (const model::TimelineEntry& e : s.timeline) {
    const auto it = owner.find(e.action.service);
    if (e.action.kind == model::ActionKind::SetReplicas && it != owner.end()) {
      peak[it->second] = std::max<long long>(peak[it->second], e.action.count);
    }
  }
  long long replicas = 0;
  for (long long n : peak) replicas += n;
  if (components > static_cast<std::size_t>(kMaxComponents)) {
    p.add("/services",
          text::format(text::translate("ScenarioLoader",
                                       "too many services and modules: %1 (the limit is %2)"),
                       {std::to_string(components), std::to_string(kMaxComponents)}));
  }
  if (replicas > kMaxTotalReplicas) {
    p.add("/services",
          text::format(
              text::translate("ScenarioLoader",
                              "the services may run up to %1 replicas in all (the limit is %2)"),
              {std::to_string(replicas), std::to_string(kMaxTotalReplicas)}));
  }
}

void checkCapacity(Problems& p, const Scenario& s, const ParseNotes& notes) {
  if (s.nodes.empty() || !notes.nodeNamesValid) return;
  double available = 0;
  double largest = 0;
  for (const NodeSpec& node : s.nodes) {
    available += node.cores;
    largest = std::max(largest, node.cores);
  }
  double needed = 0;
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    const ServiceSpec& service = s.services[i];
    needed += service.replicas * service.cpu;
    if (service.cpu > largest && (service.replicas > 0 || service.autoscale)) {
      p.add(servicePointer(i) + "/cpu",
            text::format(
                text::translate("ScenarioLoader",
                                "a replica of \"%1\" needs %2 cores but the largest node has %3"),
                {service.name, formatNumber(service.cpu), formatNumber(largest)}));
    }
  }
  if (needed > available) {
    p.add("/nodes",
          text::format(text::translate("ScenarioLoader",
                                       "the initial replicas need %1 cores but the nodes have %2 "
                                       "(replicas x cpu summed over the services)"),
                       {formatNumber(needed), formatNumber(available)}));
  }
}

// Sync calls hold the caller's worker, so a cycle of them can deadlock or recurse without
// end.
void checkSyncCycles(Problems& p, const std::vector<CallSite>& sites) {
  const auto sync = [](const CallSpec& call, std::size_t, std::size_t) {
    return call.mode == model::CallMode::Sync;
  };
  for (const CallCycle& cycle : findCycles(sites, sync)) {
    p.add(sites[cycle.closingSite].pointer + "/calls/" + std::to_string(cycle.closingCall),
          text::format(text::translate("ScenarioLoader", "sync calls form a cycle: %1"),
                       {cyclePath(sites, cycle)}));
  }
}

}  // namespace

NameTable::NameTable(const Scenario& s) : scenario(s) {
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    const ServiceSpec& service = s.services[i];
    all.push_back(service.name);
    services.push_back(service.name);
    sorted_.push_back({service.name, {static_cast<int>(i), -1}});
    if (service.modules.empty()) components.push_back(service.name);
    for (std::size_t j = 0; j < service.modules.size(); ++j) {
      all.push_back(service.modules[j].name);
      components.push_back(service.modules[j].name);
      sorted_.push_back({service.modules[j].name, {static_cast<int>(i), static_cast<int>(j)}});
    }
  }
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    nodes.push_back(s.nodes[i].name);
    sortedNodes_.push_back({s.nodes[i].name, static_cast<int>(i)});
  }
  const auto byName = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::stable_sort(sorted_.begin(), sorted_.end(), byName);
  std::stable_sort(sortedNodes_.begin(), sortedNodes_.end(), byName);
}

const NameTable::Entry* NameTable::find(const std::string& name) const {
  const auto it = std::lower_bound(sorted_.begin(), sorted_.end(), name,
                                   [](const auto& e, const std::string& n) { return e.first < n; });
  return it != sorted_.end() && it->first == name ? &it->second : nullptr;
}

int NameTable::nodeIndex(const std::string& name) const {
  const auto it = std::lower_bound(sortedNodes_.begin(), sortedNodes_.end(), name,
                                   [](const auto& e, const std::string& n) { return e.first < n; });
  return it != sortedNodes_.end() && it->first == name ? it->second : -1;
}

std::string NameTable::moduleList(int service) const {
  std::vector<std::string> names;
  for (const ModuleSpec& m : scenario.services[static_cast<std::size_t>(service)].modules) {
    names.push_back(m.name);
  }
  return quotedList(names, text::translate("ScenarioLoader", "or"));
}

void reportUnknown(Problems& p, const std::string& pointer, const std::string& name,
                   const std::vector<std::string>& candidates, const std::string& unknown) {
  std::string message = text::format(unknown, {"\"" + name + "\""});
  if (p.detailed()) message += didYouMean(name, candidates);
  p.add(pointer, std::move(message));
}

bool checkComponentRef(Problems& p, const NameTable& names, const ParseNotes& notes,
                       const std::string& pointer, const std::string& name,
                       const std::string& hostMessage) {
  if (name.empty()) return true;
  const NameTable::Entry* entry = names.find(name);
  if (entry == nullptr) {
    if (notes.serviceNamesValid) {
      reportUnknown(p, pointer, name, names.all,
                    text::translate("ScenarioLoader", "unknown service %1"));
    }
    return false;
  }
  if (entry->module < 0 && !names.scenario.services[entry->service].modules.empty()) {
    p.add(pointer, text::format(hostMessage, {name, names.moduleList(entry->service)}));
    return false;
  }
  return true;
}

int checkServiceRef(Problems& p, const NameTable& names, const ParseNotes& notes,
                    const std::string& pointer, const std::string& name) {
  if (name.empty()) return -1;
  const NameTable::Entry* entry = names.find(name);
  if (entry == nullptr) {
    if (notes.serviceNamesValid) {
      reportUnknown(p, pointer, name, names.all,
                    text::translate("ScenarioLoader", "unknown service %1"));
    }
    return -1;
  }
  return entry->service;
}

void checkStructure(Problems& p, const Scenario& s, const ParseNotes& notes) {
  checkUniqueNames(p, s);
  checkTotals(p, s);
  checkCapacity(p, s, notes);
  const NameTable names(s);
  const std::vector<CallSite> sites = callSites(s);
  for (const CallSite& site : sites) {
    for (std::size_t c = 0; c < site.calls->size(); ++c) {
      const std::string to = (*site.calls)[c].to;
      const std::string pointer = site.pointer + "/calls/" + std::to_string(c) + "/to";
      if (!to.empty() && to == site.name) {
        p.add(pointer,
              text::format(text::translate("ScenarioLoader", "\"%1\" calls itself"), {to}));
        continue;
      }
      checkComponentRef(
          p, names, notes, pointer, to,
          text::translate("ScenarioLoader",
                          "\"%1\" is a service with modules: call one of its modules (%2)"));
    }
  }
  checkComponentRef(
      p, names, notes, "/workload/entry", s.workload.entry,
      text::translate("ScenarioLoader",
                      "\"%1\" is a service with modules: make one of its modules the entry (%2)"));
  const std::size_t before = p.total();
  checkSyncCycles(p, sites);
  // A sync cycle is refused already; a zero-time one would only repeat it.
  if (p.total() == before) checkProgress(p, s);
}

}  // namespace clusterscope::engine::loader
