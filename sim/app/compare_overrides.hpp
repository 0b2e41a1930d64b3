// "Compare with...": the scenario settings (KEY=VALUE, as `trace --set` takes them) that make
// the right-hand run of a comparison differ from the left, their labels ("TLS 1.2" against
// "TLS 1.3") and the ready-made comparisons a teacher picks from. Pure logic, no ImGui.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/engine/scenario.hpp"

namespace hl::app {

/// KEY=VALUE pairs in order, as a lesson's [compare] table or `screenshot --compare` gives them.
using ScenarioOverrides = std::vector<std::pair<std::string, std::string>>;

/// Reads "KEY=VALUE KEY=VALUE" (separated by spaces or commas) into out_overrides. False on an
/// empty text or an item without '=' or key, with error saying which.
[[nodiscard]] bool parse_overrides(const std::string& text, ScenarioOverrides& out_overrides, std::string& out_error);

/// Sets each override on scenario, in order; false (scenario partly changed) when a key or value
/// is unknown or the result cannot run honestly (scenario_refusal), with error saying why.
[[nodiscard]] bool apply_overrides(Scenario& scenario, const ScenarioOverrides& overrides, std::string& out_error);

/// "version=1.3 resume=ticket": the overrides as the command line writes them.
std::string overrides_text(const ScenarioOverrides& overrides);

/// How a person names a run by the settings that tell it apart: each key of `keys` with the value
/// `scenario` has for it ("TLS 1.3", "resumed (ticket)", "client certificate", else "key=value"),
/// joined by ", ".
std::string compare_label(const Scenario& scenario, const ScenarioOverrides& keys);

/// One ready-made comparison the "Compare with..." menu offers.
struct ComparePreset {
  std::string name;             // "TLS 1.2", "Resumed (session ticket)"
  ScenarioOverrides overrides;  // what the right-hand run changes
};

/// The ready-made comparisons for a run of `scenario`: the other TLS version, resumed (or full),
/// with (or without) a client certificate. Each differs from the scenario in at least one value.
std::vector<ComparePreset> compare_presets(const Scenario& scenario);

/// Which connection of each run the compare view shows (0: all): when only one of the two resumes
/// a session (resume=ticket against off), that run's second connection, the resumed one, so the
/// ladders put a full handshake beside a resumed one.
std::pair<int, int> compared_connections(const Scenario& left, const Scenario& right);

}  // namespace hl::app
