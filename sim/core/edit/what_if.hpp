// "What if?" on the wire: Mallory delivers an edited record in place of the one the sender
// wrote, in a rerun of the same seeded scenario, and both endpoints react for real.
//
// For the window: list a record's editable fields with editable_fields() (field_edit.hpp)
// over decode_transcript(run)[step - 1].fields, offer value_choices() for named fields, build
// EditSpecs, then run_wire_edits() against the run on screen; first_difference() says where
// the edited run parts from it, replacement_at() which bytes were edited.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/edit/edit_spec.hpp"
#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"

namespace hl::edit {

/// One record the rerun delivers in place of what its sender wrote.
struct Replacement {
  std::size_t step = 0;      // its step number (from 1) in the run it was resolved against
  std::size_t ordinal = 0;   // its place (from 1) among the records and lines the pump hands Mallory
  Bytes expected;            // what the sender writes there (a seeded rerun writes the same)
  Bytes bytes;               // what is delivered instead
  std::vector<std::string> descriptions;  // one line per edit that made it: "cipher_suites[0]: ... -> ..."
};

/// An edited run and how it came about.
struct WhatIfRun {
  Transcript transcript;                  // the run with every edit delivered (edited steps' titles end in "(edited)",
                                          // and attacker.changed says what Mallory changed at each)
  std::vector<Replacement> replacements;  // in step order; empty when every edit changed nothing
  std::size_t first_difference = 0;       // the first step (from 1) where it differs from the original; 0: none
};

/// True when `step` (from 1) of `run` is a record its sender wrote, which an edit may name.
/// False with a sentence naming what the step is and which steps are records.
[[nodiscard]] bool check_editable_step(const Transcript& run, std::size_t step, std::string& out_error);

/// Reruns `scenario` (which must be seeded, and `original` its run) delivering each edit's
/// record in place of the original. Edits name steps and fields of the run as it stands
/// after the edits of earlier steps; several edits of one step apply in order. An edit that
/// leaves the record as it was changes nothing (the rerun is byte-identical). False, with
/// one sentence naming the edit, when an edit names no record or no field, or its value
/// does not fit.
[[nodiscard]] bool run_wire_edits(const Scenario& scenario, const Transcript& original, std::span<const EditSpec> edits,
                                  WhatIfRun& out_run, std::string& out_error);

/// The replacement delivered at `step` (from 1) of run.transcript, or nullptr: what the sender
/// wrote there is its `expected`, what went on the wire its `bytes` (the hex view's marks).
const Replacement* replacement_at(const WhatIfRun& run, std::size_t step);

/// The first step (from 1) where two runs differ: what a step is, who sent it, its bytes, or
/// what an endpoint did; 0 when they are the same throughout.
std::size_t first_difference(const Transcript& a, const Transcript& b);

}  // namespace hl::edit
