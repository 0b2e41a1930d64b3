// The key schedule as the diagram of RFC 8446 §7.1 (or its TLS 1.2 form) lays it out: a
// spine of secrets, each fed by its inputs, with the traffic secrets and their keys branching
// off. Built from a run's RunCrypto once per run; tells which node the current step made.
// Pure logic, no ImGui, so the tests read it without a window.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/run_crypto.hpp"

namespace hl::app {

/// Where a node sits in the diagram.
enum class NodeRole : std::uint8_t {
  spine,   // the chain of secrets (early -> derived -> handshake -> derived -> master)
  input,   // something that feeds a spine secret from outside: the shared secret, a hash, a random
  branch,  // derived from a spine secret or from another branch: traffic secrets, keys, IVs
};

/// One node of the diagram, with a copy of what it shows.
struct DiagramNode {
  std::string name;        // the schedule's name ("client_handshake_traffic_secret"), or the key exchange's
  std::string title;       // as the diagram labels it ("Handshake Secret", "key", "finished key")
  NodeRole role = NodeRole::branch;
  int depth = 0;           // 0 on the spine (and its inputs); 1 a traffic secret; 2 its key, IV, ...
  std::optional<crypto::ScheduleValue> value;  // nullopt: the run never got to it
  Bytes bytes;             // its value when known (schedule or key exchange), else empty
  std::string missing;     // why bytes is empty: "not reached: ...", "unavailable: ..."
  std::size_t made_step = 0;  // the step (from 1) that completes it; 0 when made before the first message
  std::vector<crypto::ScheduleCheck> checks;  // checks of this value against the key log or a Finished
  bool check_failed = false;
};

/// The whole diagram of one run.
struct ScheduleDiagram {
  std::uint16_t version = 0;  // 0x0304, 0x0303, 0 when no handshake got far enough
  std::string suite;          // IANA name of the suite, empty when none
  std::string unavailable;    // why there is no schedule at all, empty otherwise
  std::vector<DiagramNode> nodes;  // in drawing order
  std::size_t num_checks = 0;
  std::size_t num_failed = 0;

  /// The node called `name`, or nullptr.
  const DiagramNode* find(const std::string& name) const;
};

/// Lays out the schedule of `crypto`'s `connection` (a man in the middle's connection 2 has its
/// own). run_complete false: nodes the run never made read "not reached".
ScheduleDiagram build_schedule_diagram(const RunCrypto& crypto, bool run_complete, int connection = 1);

/// The step whose made values the current step shows: the current step itself, or for an
/// endpoint event the record before it (the event is that record's consequence). From 1; 0 for none.
std::size_t made_step_shown_at(const Transcript& transcript, std::size_t current_index);

/// Indices into diagram.nodes of the nodes made at step `step` (from 1); none for step 0.
std::vector<std::size_t> nodes_made_at(const ScheduleDiagram& diagram, std::size_t step);

/// Transcript indices (from 0) of the handshake messages node's transcript hash covers: what
/// the ladder frames while the node is selected. Empty when its derivation hashes nothing.
std::vector<std::size_t> hashed_step_indices(const DiagramNode& node);

/// "7ee8206f…6971": a value shortened for a diagram box; the whole value when it is 8 bytes or less.
std::string short_hex(const Bytes& bytes);
/// The whole value in lower-case hex, no separators (what Copy puts on the clipboard).
std::string full_hex(const Bytes& bytes);
/// "steps 1-2", "step 7", "" for none: the steps a transcript hash covers.
std::string steps_text(const std::vector<std::size_t>& steps);

}  // namespace hl::app
