#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.h"

// Reads, validates and writes scenario files (docs/scenario-format.md, scenarios/schema.json).
// This is the only code that parses scenario JSON; no JSON type crosses this interface.
// Every function is pure (no global state) and safe to call from any thread.

namespace clusterscope::engine {

// One problem found in a scenario file.
struct Diagnostic {
  std::string file;     // the name given to the loader
  int line = 0;         // 1-based; 0 when the problem has no place (unreadable file)
  int column = 0;       // 1-based, in UTF-8 code points (a tab counts as one)
  std::string pointer;  // JSON pointer (RFC 6901) of the offending value; "" for the root
  std::string message;  // one sentence, no trailing period

  // "FILE:LINE:COL: /json/pointer: message", the root pointer printed as "/";
  // "FILE: message" when line is 0. One line, safe for a terminal: control characters are
  // escaped (printable_text.h) and pointer tokens longer than 64 characters are cut.
  std::string format() const;
  bool operator==(const Diagnostic&) const = default;
};

// Either a valid scenario (errors empty) or every problem found (scenario empty).
struct LoadResult {
  std::optional<Scenario> scenario;
  std::vector<Diagnostic> errors;  // sorted by position in the file

  bool ok() const { return scenario.has_value() && errors.empty(); }
};

// Limits applied before parsing; larger or deeper documents are refused.
inline constexpr std::size_t kMaxScenarioBytes = 16u * 1024u * 1024u;
inline constexpr std::size_t kMaxActionBytes = 64u * 1024u;
inline constexpr int kMaxScenarioNesting = 64;
// At most this many errors are listed; one more diagnostic then says how many were left out.
inline constexpr std::size_t kMaxScenarioErrors = 100;

// Reads a regular file (at most kMaxScenarioBytes) and loads it. An unreadable file, or
// anything but a regular file (a pipe, a device), gives one diagnostic with line 0, without
// blocking. `Diagnostic::file` is `path` as given.
LoadResult loadScenarioFile(const std::string& path);

// Loads a scenario from text; `fileName` is only copied into the diagnostics.
LoadResult loadScenarioText(std::string_view text, const std::string& fileName);

// The canonical form of a scenario: 2-space indented JSON, keys in documentation order,
// optional keys left out when they hold their default, integral numbers without ".0".
// For any scenario the loader accepted, loading the result gives an equal Scenario. Fields
// that do not apply (e.g. `users` of an open workload, fields foreign to an action's kind)
// are not written.
std::string scenarioToJson(const Scenario& scenario);

// Either one action (errors empty) or every problem found in it.
struct ActionLoadResult {
  std::optional<model::Action> action;
  std::vector<Diagnostic> errors;  // sorted by position in the text

  bool ok() const { return action.has_value() && errors.empty(); }
};

// Reads one action as actionToJson writes it (a timeline entry without `at_s`), for actions
// sent now rather than planned: a control command, `clusterscope-cli inject`. The names,
// fields, ranges and per-action rules are the timeline's, from the same code; unknown keys
// and `at_s` are refused. References (does the service, node or edge exist, is the replica
// number in range) are left to the receiver, which knows the cluster at that moment.
// At most kMaxActionBytes. `fileName` is only copied into the diagnostics.
ActionLoadResult loadActionText(std::string_view text, const std::string& fileName);

// Either one service (errors empty) or every problem found in it.
struct ServiceLoadResult {
  std::optional<ServiceSpec> service;
  std::vector<Diagnostic> errors;  // sorted by position in the text

  bool ok() const { return service.has_value() && errors.empty(); }
};

// Reads one service object as a scenario's `services` array holds it (name, workers,
// service_time_ms, calls, modules, ...), for a process that runs one service without a
// scenario (`clusterscope-agent --config`). The keys, ranges and per-service rules are the
// scenario's, from the same code; references (the services its calls name) are left to the
// receiver, which finds them in ROUTES. At most kMaxActionBytes. `fileName` is only copied into
// the diagnostics.
ServiceLoadResult loadServiceText(std::string_view text, const std::string& fileName);

// One timeline action as a compact JSON object without `at_s`, e.g.
// {"action":"kill_replica","service":"orders","replica":0}. Only the fields of its kind.
std::string actionToJson(const model::Action& action);

}  // namespace clusterscope::engine
