#include "app/schedule_diagram.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <set>

namespace hl::app {
namespace {

// The spine of each version's diagram, top to bottom: RFC 8446 §7.1's chain of extracts,
// and RFC 5246 §8.1 / §6.3 for TLS 1.2. Everything else hangs off these by its inputs.
struct SpineRow {
  const char* name;
  const char* title;
  bool from_key_exchange;  // needs the key exchange, so it cannot be made before its last message
};

constexpr SpineRow kTls13Spine[] = {
    {"early_secret", "Early Secret", false},
    {"early_derived_secret", "Derived", false},
    {"handshake_secret", "Handshake Secret", true},
    {"handshake_derived_secret", "Derived", false},
    {"master_secret", "Master Secret", false},
};

constexpr SpineRow kTls12Spine[] = {
    {"pre_master_secret", "Premaster Secret", true},
    {"master_secret", "Master Secret", false},
    {"key_block", "Key Block", false},
};

// Inputs that feed the spine from outside, as the diagram names them.
constexpr std::pair<const char*, const char*> kInputTitles[] = {
    {"shared_secret", "(EC)DHE shared secret"},
    {"session_hash", "session hash (RFC 7627)"},
    {"client_random", "client random"},
    {"server_random", "server random"},
};

std::string spaced(std::string text) {
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::string input_title(const std::string& name) {
  auto row = std::find_if(std::begin(kInputTitles), std::end(kInputTitles),
                          [&](const auto& entry) { return name == entry.first; });
  return row != std::end(kInputTitles) ? row->second : spaced(name);
}

// A branch is titled by what it adds to its parent: "client_handshake_traffic_secret_key" under
// "client_handshake_traffic_secret" is its "key".
std::string branch_title(const std::string& name, const std::string& parent) {
  if (name.size() > parent.size() + 1 && name.compare(0, parent.size(), parent) == 0 && name[parent.size()] == '_')
    return spaced(name.substr(parent.size() + 1));
  return spaced(name);
}

// The schedule value a check is about: "master_secret = CLIENT_RANDOM (client)" names it before
// " = "; "server Finished (step 10)" is about the server's verify_data.
std::string checked_value(const std::string& what) {
  const auto equals = what.find(" = ");
  if (equals != std::string::npos) return what.substr(0, equals);
  const auto finished = what.find(" Finished");
  if (finished != std::string::npos) return what.substr(0, finished) + "_finished_verify_data";
  return {};
}

class DiagramBuilder {
 public:
  DiagramBuilder(const RunCrypto& crypto, bool run_complete, int connection)
      : schedule_(crypto.schedule_of(connection)), exchange_(crypto.exchange_of(connection)), run_complete_(run_complete) {}

  ScheduleDiagram build() {
    const crypto::KeySchedule& schedule = schedule_;
    out_.version = schedule.version;
    out_.suite = schedule.suite ? schedule.suite->name : std::string();
    out_.unavailable = schedule.unavailable;
    if (schedule.version == 0) return std::move(out_);
    const bool tls13 = schedule.version == 0x0304;
    const SpineRow* begin = tls13 ? std::begin(kTls13Spine) : std::begin(kTls12Spine);
    const SpineRow* end = tls13 ? std::end(kTls13Spine) : std::end(kTls12Spine);
    for (const SpineRow* row = begin; row != end; ++row) spine_names_.insert(row->name);
    const char* previous = nullptr;
    for (const SpineRow* row = begin; row != end; ++row) {
      add_spine(*row, previous);
      previous = row->name;
    }
    for (const auto& value : schedule.values) {
      if (!placed_.count(value.name)) add_value_node(value, NodeRole::branch, 0, spaced(value.name));
    }
    attach_checks();
    return std::move(out_);
  }

 private:
  void add_spine(const SpineRow& row, const char* previous) {
    const crypto::ScheduleValue* value = schedule_.find(row.name);
    if (value != nullptr) {
      for (const auto& input : value->inputs) {
        if ((previous == nullptr || input != previous) && !spine_names_.count(input)) add_input(input);
      }
    }
    if (row.from_key_exchange) key_exchange_roots_.insert(row.name);
    if (value != nullptr) {
      add_value_node(*value, NodeRole::spine, 0, row.title);
    } else {
      DiagramNode node;
      node.name = row.name;
      node.title = row.title;
      node.role = NodeRole::spine;
      node.missing = missing_reason(previous);
      placed_.insert(row.name);
      out_.nodes.push_back(std::move(node));
    }
    add_branches(row.name, 1);
  }

  std::string missing_reason(const char* previous) const {
    const DiagramNode* before = previous ? out_.find(previous) : nullptr;
    if (before != nullptr && before->bytes.empty())
      return "unavailable: it is derived from the " + before->title + ", which is unavailable";
    return run_complete_ ? "not computed for this run" : "not reached: the handshake stopped before it";
  }

  void add_input(const std::string& name) {
    if (placed_.count(name)) return;
    if (const crypto::ScheduleValue* value = schedule_.find(name)) {
      add_value_node(*value, NodeRole::input, 0, input_title(name));
      return;
    }
    DiagramNode node;
    node.name = name;
    node.title = input_title(name);
    node.role = NodeRole::input;
    const auto& values = exchange_.values;
    auto exchange = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.name == name; });
    if (exchange != values.end()) {
      node.bytes = exchange->value;
      node.missing = exchange->value.empty() ? "unavailable: " + exchange->unavailable : std::string();
      node.made_step = exchange->step;
    } else {
      node.missing = "unavailable: the key exchange of this connection does not give it";
      node.made_step = key_exchange_step();
    }
    placed_.insert(name);
    out_.nodes.push_back(std::move(node));
  }

  void add_branches(const std::string& parent, int depth) {
    for (const auto& value : schedule_.values) {
      if (placed_.count(value.name) || spine_names_.count(value.name)) continue;
      if (value.inputs.empty() || value.inputs.front() != parent) continue;
      add_value_node(value, NodeRole::branch, depth, branch_title(value.name, parent));
      add_branches(value.name, depth + 1);
    }
  }

  void add_value_node(const crypto::ScheduleValue& value, NodeRole role, int depth, std::string title) {
    DiagramNode node;
    node.name = value.name;
    node.title = std::move(title);
    node.role = role;
    node.depth = depth;
    node.value = value;
    if (value.available()) {
      node.bytes = value.value;
    } else {
      node.missing = value.unavailable.rfind("not reached", 0) == 0 ? value.unavailable : "unavailable: " + value.unavailable;
    }
    node.made_step = made_step(value.name);
    placed_.insert(value.name);
    out_.nodes.push_back(std::move(node));
  }

  // The last message of the key exchange: a secret that needs it cannot exist before.
  std::size_t key_exchange_step() const {
    std::size_t step = 0;
    for (const auto& value : exchange_.values) step = std::max(step, value.step);
    return step;
  }

  // A value is made at the step whose transcript hash completes it, and never before its inputs;
  // one a message carries (verify_data) is shown made where the student sees it: its Finished.
  std::size_t made_step(const std::string& name) {
    if (auto known = made_.find(name); known != made_.end()) return known->second;
    made_[name] = 0;  // a cycle (none is expected) ends here instead of recursing forever
    std::size_t step = key_exchange_roots_.count(name) ? key_exchange_step() : 0;
    if (const crypto::ScheduleValue* value = schedule_.find(name)) {
      if (value->carried_by_step != 0) return made_[name] = value->carried_by_step;
      for (std::size_t covered : value->transcript_steps) step = std::max(step, covered);
      for (const auto& input : value->inputs) {
        const bool known = schedule_.find(input) != nullptr;
        step = std::max(step, known ? made_step(input) : key_exchange_step());
      }
    }
    made_[name] = step;
    return step;
  }

  void attach_checks() {
    for (const auto& check : schedule_.checks) {
      ++out_.num_checks;
      if (!check.ok) ++out_.num_failed;
      const std::string name = checked_value(check.what);
      auto node = std::find_if(out_.nodes.begin(), out_.nodes.end(), [&](const DiagramNode& n) { return n.name == name; });
      if (node == out_.nodes.end()) continue;
      node->checks.push_back(check);
      node->check_failed = node->check_failed || !check.ok;
    }
  }

  const crypto::KeySchedule& schedule_;
  const crypto::KeyExchange& exchange_;
  bool run_complete_;
  ScheduleDiagram out_;
  std::set<std::string> spine_names_;
  std::set<std::string> placed_;
  std::set<std::string> key_exchange_roots_;
  std::map<std::string, std::size_t> made_;
};

}  // namespace

const DiagramNode* ScheduleDiagram::find(const std::string& name) const {
  auto it = std::find_if(nodes.begin(), nodes.end(), [&](const DiagramNode& node) { return node.name == name; });
  return it == nodes.end() ? nullptr : &*it;
}

ScheduleDiagram build_schedule_diagram(const RunCrypto& crypto, bool run_complete, int connection) {
  return DiagramBuilder(crypto, run_complete, connection).build();
}

std::size_t made_step_shown_at(const Transcript& transcript, std::size_t current_index) {
  if (current_index >= transcript.steps.size()) return 0;
  std::size_t index = current_index;
  while (index > 0 && transcript.steps[index].kind == StepKind::event) --index;
  if (transcript.steps[index].kind == StepKind::event) return 0;
  return index + 1;
}

std::vector<std::size_t> nodes_made_at(const ScheduleDiagram& diagram, std::size_t step) {
  std::vector<std::size_t> out;
  if (step == 0) return out;
  for (std::size_t i = 0; i < diagram.nodes.size(); ++i) {
    if (diagram.nodes[i].made_step == step) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> hashed_step_indices(const DiagramNode& node) {
  std::vector<std::size_t> indices;
  if (!node.value) return indices;
  for (std::size_t step : node.value->transcript_steps)
    if (step > 0) indices.push_back(step - 1);
  return indices;
}

std::string full_hex(const Bytes& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto byte : bytes) {
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

std::string short_hex(const Bytes& bytes) {
  if (bytes.size() <= 8) return full_hex(bytes);
  return full_hex(Bytes(bytes.begin(), bytes.begin() + 4)) + "\u2026" + full_hex(Bytes(bytes.end() - 2, bytes.end()));
}

std::string steps_text(const std::vector<std::size_t>& steps) {
  if (steps.empty()) return {};
  const auto [low, high] = std::minmax_element(steps.begin(), steps.end());
  if (*low == *high) return "step " + std::to_string(*low);
  return "steps " + std::to_string(*low) + "\u2013" + std::to_string(*high);
}

}  // namespace hl::app
