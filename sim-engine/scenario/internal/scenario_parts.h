#pragma once

#include <optional>
#include <string>
#include <vector>

#include "internal/json_reader.h"
#include "internal/text_format.h"
#include "name_suggestion.h"
#include "scenario.h"

// Internal to the scenario loader: the section parsers and the cross-checks that run once
// every section is read. Parsers keep one struct element per JSON array element, valid or
// not, so that services[i] is always /services/i and checks can name places by index.

namespace clusterscope::engine::loader {

// What the parsers learnt that the checks need besides the Scenario itself.
struct ParseNotes {
  std::optional<double> durationS;  // when valid
  bool serviceNamesValid = true;    // every service and module has a valid name
  bool nodeNamesValid = true;       // every node has a valid name
  std::vector<bool> actionKnown;    // per timeline entry: its action name is valid
  std::vector<bool> replicasValid;  // per service: `replicas` was valid (or absent)
};

// Sections. Each reads one JSON value at `pointer` and reports its own problems.
ServiceSpec parseService(Problems& p, const Json& v, const std::string& pointer, ParseNotes& notes);
WorkloadSpec parseWorkload(Problems& p, const Json& v, const std::string& pointer,
                           const ParseNotes& notes);
// The action name and the fields of its kind from an object reader (a timeline entry, or a
// command's action), then finish(): keys foreign to the kind are reported. `kindKnown` says
// whether the action name was valid (the fields are only checked then).
model::Action parseAction(ObjectReader& r, bool& kindKnown);
model::TimelineEntry parseTimelineEntry(Problems& p, const Json& v, const std::string& pointer,
                                        const ParseNotes& notes, bool& kindKnown);
model::LessonStep parseLessonStep(Problems& p, const Json& v, const std::string& pointer,
                                  const ParseNotes& notes);
Scenario parseScenario(Problems& p, const Json& root, ParseNotes& notes);

// Times within the run: [0, duration_s] when the duration is valid.
Range timeRange(const ParseNotes& notes);
// A window [start, end] in seconds within the run, end after start (reported otherwise).
std::optional<std::pair<double, double>> readWindow(ObjectReader& r, std::string_view key,
                                                    Need need, const ParseNotes& notes);

// Cross-checks over the parsed scenario.
void checkStructure(Problems& p, const Scenario& s, const ParseNotes& notes);  // names, calls,
                                                                               // cycles, capacity
void checkTimeline(Problems& p, const Scenario& s, const ParseNotes& notes);
// Loops that take no simulated time (zero-time call cycles, closed users who never wait).
void checkProgress(Problems& p, const Scenario& s);
void checkExpect(Problems& p, const Scenario& s, const ParseNotes& notes);
// The metrics of lesson questions, named like those of `expect`.
void checkLessonMetrics(Problems& p, const Scenario& s, const ParseNotes& notes);

// Names known to the checks: components (services without modules, and modules), hosts
// (services with modules) and every service.
class NameTable {
 public:
  struct Entry {
    int service = -1;
    int module = -1;  // -1: the service itself
  };
  explicit NameTable(const Scenario& s);
  const Entry* find(const std::string& name) const;
  int nodeIndex(const std::string& name) const;
  // '"a" or "b"': the module names of service `service`, for messages.
  std::string moduleList(int service) const;

  const Scenario& scenario;
  std::vector<std::string> all;         // services and modules
  std::vector<std::string> components;  // what can be called
  std::vector<std::string> services;    // what has replicas
  std::vector<std::string> nodes;

 private:
  std::vector<std::pair<std::string, Entry>> sorted_;  // first occurrence wins
  std::vector<std::pair<std::string, int>> sortedNodes_;
};

// Reports `unknown` (a translated sentence, %1 the quoted name: "unknown service %1") and a
// hint taken from `candidates`: `unknown service "x" (did you mean "y"?)`.
void reportUnknown(Problems& p, const std::string& pointer, const std::string& name,
                   const std::vector<std::string>& candidates, const std::string& unknown);

// Checks a reference to something that can be called (a service without modules, or a
// module): reports unknown names and monolith hosts. An empty name (already reported as
// missing) passes. Returns whether the name is a component. `hostMessage` says what to do
// when the name is a host: a translated sentence with %1 the name and %2 its modules.
bool checkComponentRef(Problems& p, const NameTable& names, const ParseNotes& notes,
                       const std::string& pointer, const std::string& name,
                       const std::string& hostMessage);

// Checks a reference to a service or a module; a module stands for its host, as in the
// engine. Returns the index of the service (the host for a module), or -1.
int checkServiceRef(Problems& p, const NameTable& names, const ParseNotes& notes,
                    const std::string& pointer, const std::string& name);

}  // namespace clusterscope::engine::loader
