// The wire rerun: edits resolved against a run, then the pump's hook swaps the records.
#include "core/edit/what_if.hpp"

#include <algorithm>

#include "core/edit/field_edit.hpp"
#include "core/engine/engine.hpp"
#include "core/wire/decode.hpp"

namespace hl::edit {
namespace {

// Records and lines go through the pump's hook; Mallory's own (injected, released late) do not.
bool passes_hook(const Step& step) { return step.kind != StepKind::event && !step.by_attacker; }

std::size_t ordinal_of(const Transcript& run, std::size_t step) {
  return static_cast<std::size_t>(std::count_if(run.steps.begin(), run.steps.begin() + static_cast<std::ptrdiff_t>(step), passes_hook));
}

std::string record_steps(const Transcript& run) {
  std::string text;
  for (std::size_t i = 0; i < run.steps.size(); ++i)
    if (run.steps[i].kind == StepKind::record && !run.steps[i].by_attacker) text += (text.empty() ? "" : ", ") + std::to_string(i + 1);
  return text.empty() ? "none" : text;
}

bool same_part(const EventPart& a, const EventPart& b) {
  return a.kind == b.kind && a.title == b.title && a.detail == b.detail && a.keylog_line == b.keylog_line;
}

bool same_step(const Step& a, const Step& b) {
  return identity_of(a) == identity_of(b) && a.connection == b.connection && a.bytes == b.bytes &&
         a.plaintext == b.plaintext && a.detail == b.detail && a.keylog_line == b.keylog_line &&
         std::equal(a.parts.begin(), a.parts.end(), b.parts.begin(), b.parts.end(), same_part);
}

// The run again, with each replacement swapped in at its place in the pump.
Transcript rerun(const Scenario& scenario, const std::vector<Replacement>& replacements, std::string& out_diverged) {
  std::size_t ordinal = 0;
  EngineOptions options;
  options.intervene = [&](Step& step) {
    ++ordinal;
    for (const Replacement& replacement : replacements) {
      if (replacement.ordinal != ordinal) continue;
      if (step.bytes != replacement.expected) {
        out_diverged = "the rerun did not write step " + std::to_string(replacement.step) + " as before";
        return Delivery::deliver;
      }
      step.bytes = replacement.bytes;
      step.title += " (edited)";
    }
    return Delivery::deliver;
  };
  return run_scenario(scenario, options);
}

// Applies one step's edits in order to its bytes, each against the tree of the bytes so far.
bool edit_step(const Transcript& run, std::size_t step, std::span<const EditSpec> edits, Replacement& out,
               std::string& out_error) {
  Transcript working = run;
  Bytes& bytes = working.steps[step - 1].bytes;
  out.step = step;
  out.ordinal = ordinal_of(run, step);
  out.expected = bytes;
  for (const EditSpec& spec : edits) {
    const std::vector<Field> fields = wire::decode_transcript(working)[step - 1].fields;
    AppliedEdit applied;
    if (!apply_edit(bytes, fields, spec, applied, out_error))
      return out_error = "--edit " + edit_spec_text(spec) + ": " + out_error, false;
    bytes = std::move(applied.bytes);
    out.descriptions.push_back(applied.description);
  }
  out.bytes = bytes;
  return true;
}

}  // namespace

bool check_editable_step(const Transcript& run, std::size_t step, std::string& out_error) {
  const std::string records = "; the records are steps " + record_steps(run);
  if (step == 0 || step > run.steps.size())
    return out_error = "there is no step " + std::to_string(step) + " (the run has " + std::to_string(run.steps.size()) +
                       " steps)" + records, false;
  const Step& at = run.steps[step - 1];
  if (at.kind != StepKind::record)
    return out_error = "step " + std::to_string(step) + " is " + (at.kind == StepKind::event ? "an event" : "an application line") +
                       " (" + at.title + "), not a record" + records, false;
  if (at.by_attacker) return out_error = "step " + std::to_string(step) + " is Mallory's own record, not one a side wrote" + records, false;
  return true;
}

bool run_wire_edits(const Scenario& scenario, const Transcript& original, std::span<const EditSpec> edits, WhatIfRun& out_run,
                    std::string& out_error) {
  if (!scenario.seed) return out_error = "a what-if edit reruns the same bytes, so the scenario needs a seed", false;
  std::vector<EditSpec> sorted(edits.begin(), edits.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const EditSpec& a, const EditSpec& b) { return a.step < b.step; });
  WhatIfRun result;
  result.transcript = original;
  for (auto first = sorted.begin(); first != sorted.end();) {
    const auto last = std::find_if(first, sorted.end(), [&](const EditSpec& spec) { return spec.step != first->step; });
    const std::size_t step = first->step;
    if (!check_editable_step(result.transcript, step, out_error))
      return out_error = "--edit " + edit_spec_text(*first) + ": " + out_error, false;
    Replacement replacement;
    if (!edit_step(result.transcript, step, std::span(&*first, static_cast<std::size_t>(last - first)), replacement, out_error)) return false;
    first = last;
    if (replacement.bytes == replacement.expected) continue;  // changed back: nothing to deliver instead
    result.replacements.push_back(std::move(replacement));
    std::string diverged;
    result.transcript = rerun(scenario, result.replacements, diverged);
    if (!diverged.empty()) return out_error = diverged + ": the scenario does not rerun byte for byte", false;
  }
  for (const Replacement& replacement : result.replacements) {
    result.transcript.attacker.present = true;
    for (const std::string& line : replacement.descriptions)
      result.transcript.attacker.changed.push_back({replacement.step, "edited on the wire: " + line});
  }
  result.first_difference = first_difference(original, result.transcript);
  out_run = std::move(result);
  return true;
}

const Replacement* replacement_at(const WhatIfRun& run, std::size_t step) {
  for (const Replacement& replacement : run.replacements)
    if (replacement.step == step) return &replacement;
  return nullptr;
}

std::size_t first_difference(const Transcript& a, const Transcript& b) {
  const std::size_t common = std::min(a.steps.size(), b.steps.size());
  for (std::size_t i = 0; i < common; ++i)
    if (!same_step(a.steps[i], b.steps[i])) return i + 1;
  return a.steps.size() == b.steps.size() ? 0 : common + 1;
}

}  // namespace hl::edit
