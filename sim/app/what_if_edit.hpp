// A "what if?" edit in the window: the run on screen, the same seeded run with an edited record
// delivered in place of the original (core/edit/what_if.hpp), and what the views show of it
// (the label, the fork, the edited bytes). Pure logic, no ImGui, so tests drive it without a window.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/run_data.hpp"
#include "core/edit/edit_spec.hpp"
#include "core/edit/what_if.hpp"

namespace hl::app {

/// An original run and its edited rerun, as the compare view shows them.
struct WhatIfEdit {
  std::shared_ptr<const RunData> original;        // the run that was edited (events grouped, as trace numbers steps)
  std::shared_ptr<const RunData> edited;          // the rerun with the edited record delivered
  std::vector<edit::EditSpec> edits;              // what was asked
  std::vector<edit::Replacement> replacements;    // what was delivered in place of what (step numbers of `edited`)
  std::size_t first_difference = 0;               // the first step (from 1) where the runs part; never 0
  std::string label;                              // the right-hand side's label: "edited: cipher_suites[0]: ... -> ..."
  double run_ms = 0;                              // how long the rerun and its decoding took
};

/// The bytes of an edited record that differ from what its sender wrote, as [offset, offset + length)
/// ranges into `bytes` (a shorter or longer record: the span between the common head and tail).
std::vector<ByteRange> edited_ranges(std::span<const std::uint8_t> expected, std::span<const std::uint8_t> bytes);

/// Reruns `original`'s seeded scenario delivering `edits` (steps numbered in original's transcript).
/// False, with one sentence, when the scenario has no seed, an edit does not fit, or the edit
/// leaves the record as it was (nothing would differ).
[[nodiscard]] bool make_what_if(const std::shared_ptr<const RunData>& original, std::span<const edit::EditSpec> edits,
                                WhatIfEdit& out_edit, std::string& out_error);

/// The index in `to` of the record or line at `index` of `from`, two forms of one run whose
/// events are grouped differently (View > Every event); nullopt when `index` is an event.
std::optional<std::size_t> same_record_index(const Transcript& from, std::size_t index, const Transcript& to);

}  // namespace hl::app
