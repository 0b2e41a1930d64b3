#include "app/compare_overrides.hpp"

#include <algorithm>
#include <iterator>

#include "core/engine/scenario_checks.hpp"

namespace hl::app {
namespace {

// How a run is named by one setting; a value the table lacks reads "key=value".
struct LabelRow {
  const char* key;
  const char* value;  // nullptr: any value
  const char* label;  // "%s" stands for the value
};

constexpr LabelRow kLabels[] = {
    {"version", nullptr, "TLS %s"},
    {"resume", "off", "full handshake"},
    {"resume", "ticket", "resumed (ticket)"},
    {"resume", "session-id", "resumed (session ID)"},
    {"resume", "psk-only", "resumed (PSK only)"},
    {"client-cert", "off", "no client certificate"},
    {"client-cert", "on", "client certificate"},
};

std::string label_of(const std::string& key, const std::string& value) {
  for (const LabelRow& row : kLabels) {
    if (key != row.key || (row.value != nullptr && value != row.value)) continue;
    std::string label = row.label;
    if (auto at = label.find("%s"); at != std::string::npos) label.replace(at, 2, value);
    return label;
  }
  return key + "=" + value;
}

bool separator(char c) { return c == ' ' || c == ',' || c == '\t' || c == '\n'; }

}  // namespace

bool parse_overrides(const std::string& text, ScenarioOverrides& out_overrides, std::string& out_error) {
  ScenarioOverrides overrides;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (separator(text[pos])) {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && !separator(text[end])) ++end;
    const std::string item = text.substr(pos, end - pos);
    pos = end;
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      out_error = "'" + item + "' is not KEY=VALUE (for example version=1.2)";
      return false;
    }
    overrides.emplace_back(item.substr(0, eq), item.substr(eq + 1));
  }
  if (overrides.empty()) {
    out_error = "nothing to compare with: give KEY=VALUE, for example version=1.2";
    return false;
  }
  out_overrides = std::move(overrides);
  return true;
}

bool apply_overrides(Scenario& scenario, const ScenarioOverrides& overrides, std::string& out_error) {
  for (const auto& [key, value] : overrides) {
    std::string problem = set_scenario_field(scenario, key, value);
    if (!problem.empty()) {
      out_error = problem;
      return false;
    }
  }
  out_error = scenario_refusal(scenario);
  return out_error.empty();
}

std::string overrides_text(const ScenarioOverrides& overrides) {
  std::string text;
  for (const auto& [key, value] : overrides) text += (text.empty() ? "" : " ") + key + "=" + value;
  return text;
}

std::string compare_label(const Scenario& scenario, const ScenarioOverrides& keys) {
  std::string label;
  std::vector<std::string> seen;
  for (const auto& [key, value] : keys) {
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;  // a key set twice: named once
    seen.push_back(key);
    label += (label.empty() ? "" : ", ") + label_of(key, scenario_value(scenario, key));
  }
  return label;
}

std::vector<ComparePreset> compare_presets(const Scenario& scenario) {
  std::vector<ComparePreset> presets;
  const bool tls13 = scenario.version == TlsVersion::tls13;
  presets.push_back({tls13 ? "TLS 1.2" : "TLS 1.3", {{"version", tls13 ? "1.2" : "1.3"}}});
  if (scenario.resume == Resume::off) presets.push_back({"Resumed (session ticket)", {{"resume", "ticket"}}});
  else presets.push_back({"Full handshake (no resumption)", {{"resume", "off"}}});
  if (scenario.client_cert == ClientCert::off) presets.push_back({"With a client certificate", {{"client-cert", "on"}}});
  else presets.push_back({"Without a client certificate", {{"client-cert", "off"}}});
  return presets;
}

std::pair<int, int> compared_connections(const Scenario& left, const Scenario& right) {
  const bool left_resumes = left.resume != Resume::off, right_resumes = right.resume != Resume::off;
  if (left_resumes == right_resumes) return {0, 0};
  return {left_resumes ? 2 : 0, right_resumes ? 2 : 0};
}

}  // namespace hl::app
