#include "app/what_if_edit.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>
#include <vector>

#include "app/run_and_decode.hpp"
#include "core/edit/client_change.hpp"
#include "core/engine/engine.hpp"

namespace hl::app {
namespace {

// Marked positions of the new bytes, coalesced into ranges.
std::vector<ByteRange> to_ranges(const std::vector<bool>& marked) {
  std::vector<ByteRange> ranges;
  for (std::size_t i = 0; i < marked.size(); ++i) {
    if (!marked[i]) continue;
    if (!ranges.empty() && ranges.back().offset + ranges.back().length == i) {
      ++ranges.back().length;
    } else {
      ranges.push_back({i, 1});
    }
  }
  return ranges;
}

// An edit reruns the run on screen from its seed: a capture or an unseeded run cannot be.
bool rerunnable(const std::shared_ptr<const RunData>& original, std::string& out_error) {
  if (original == nullptr) return out_error = "There is no run to edit yet.", false;
  if (original->transcript.capture)
    return out_error = "A capture shows what was recorded: only a lesson's run can be run again with an edit.", false;
  if (!original->scenario.seed)
    return out_error = "This run has no seed: an edited rerun would not match it up to the edit.", false;
  return true;
}

constexpr const char* kClientSendsThatAlready = "The client already sends that: the rerun would be the same.";

// The client's settings for `edits` of `original`'s ClientHello, and the scenario with them applied.
bool changed_client(const RunData& original, std::span<const edit::EditSpec> edits, edit::ClientChange& out_change,
                    Scenario& out_scenario, std::string& out_error) {
  out_scenario = original.scenario;
  if (!edit::client_change(out_scenario, original.transcript, edits, out_change, out_error)) return false;
  if (!edit::apply_client_change(out_change, out_scenario, out_error)) return false;
  if (out_change.settings.empty()) return out_error = kClientSendsThatAlready, false;
  return true;
}

// "client-ciphers=TLS_AES_128_CCM_SHA256, groups=secp384r1:x25519": the settings as a label reads them.
std::string settings_label(const edit::ClientChange& change) {
  std::string text;
  for (const auto& [key, value] : change.settings) text += (text.empty() ? "" : ", ") + key + "=" + value;
  return text;
}

}  // namespace

std::vector<ByteRange> edited_ranges(std::span<const std::uint8_t> expected, std::span<const std::uint8_t> bytes) {
  // One splice (an insertion or a removal of |shift| bytes at `split`) plus changed bytes on either
  // side of it (a value, the lengths fixed up): the split that leaves the fewest changed bytes.
  const std::size_t old_len = expected.size(), new_len = bytes.size();
  const bool grows = new_len >= old_len;
  const std::size_t shift = grows ? new_len - old_len : old_len - new_len;
  const std::size_t common = std::min(old_len, new_len);
  // same_head[k]: equal bytes at i < k; same_tail[k]: equal bytes at i >= k, the longer side shifted.
  std::vector<std::size_t> same_head(common + 1, 0), same_tail(common + 1, 0);
  for (std::size_t i = 0; i < common; ++i) same_head[i + 1] = same_head[i] + (expected[i] == bytes[i] ? 1 : 0);
  for (std::size_t i = common; i-- > 0;) {
    const bool same = grows ? bytes[i + shift] == expected[i] : bytes[i] == expected[i + shift];
    same_tail[i] = same_tail[i + 1] + (same ? 1 : 0);
  }
  std::size_t split = 0;
  for (std::size_t k = 0; k <= common; ++k)
    if (same_head[k] + same_tail[k] > same_head[split] + same_tail[split]) split = k;
  std::vector<bool> marked(new_len, false);
  for (std::size_t i = 0; i < split; ++i) marked[i] = expected[i] != bytes[i];
  if (grows) {
    for (std::size_t i = split; i < split + shift; ++i) marked[i] = true;
    for (std::size_t i = split; i < common; ++i) marked[i + shift] = bytes[i + shift] != expected[i];
  } else {
    for (std::size_t i = split; i < common; ++i) marked[i] = bytes[i] != expected[i + shift];
  }
  return to_ranges(marked);
}

bool make_what_if(const std::shared_ptr<const RunData>& original, std::span<const edit::EditSpec> edits,
                  WhatIfEdit& out_edit, std::string& out_error) {
  if (!rerunnable(original, out_error)) return false;
  const auto start = std::chrono::steady_clock::now();
  edit::WhatIfRun run;
  if (!edit::run_wire_edits(original->scenario, original->transcript, edits, run, out_error)) return false;
  if (run.first_difference == 0 || run.replacements.empty())
    return out_error = "That is what the record already holds: the rerun would be the same.", false;
  WhatIfEdit result;
  result.original = original;
  result.edits.assign(edits.begin(), edits.end());
  result.replacements = run.replacements;
  result.first_difference = run.first_difference;
  // "cipher_suite: TLS_AES_256_GCM_SHA384 (0x1302) -> TLS_AES_128_GCM_SHA256 (0x1301)" labels the
  // right-hand ladder as "edited: cipher_suite -> TLS_AES_128_GCM_SHA256 (0x1301)": what it became.
  std::string described;
  for (const auto& replacement : run.replacements) {
    for (const auto& line : replacement.descriptions) {
      const std::size_t colon = line.find(": "), arrow = line.rfind("-> ");
      const std::string short_line = colon != std::string::npos && arrow != std::string::npos && arrow > colon
                                         ? line.substr(0, colon) + " -> " + line.substr(arrow + 3)
                                         : line;
      described += (described.empty() ? "" : "; ") + short_line;
    }
  }
  result.label = "edited: " + (described.empty() ? std::string("bytes") : described);
  result.edited = decode_run(original->scenario, std::move(run.transcript), {});
  result.run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  out_edit = std::move(result);
  return true;
}

bool client_settings_for(const RunData& original, std::span<const edit::EditSpec> edits, std::string& out_settings,
                         std::string& out_error) {
  edit::ClientChange change;
  Scenario scenario;
  if (!changed_client(original, edits, change, scenario, out_error)) return false;
  out_settings = edit::settings_text(change);
  return true;
}

bool make_client_what_if(const std::shared_ptr<const RunData>& original, std::span<const edit::EditSpec> edits,
                         WhatIfEdit& out_edit, std::string& out_error) {
  if (!rerunnable(original, out_error)) return false;
  const auto start = std::chrono::steady_clock::now();
  edit::ClientChange change;
  Scenario scenario;
  if (!changed_client(*original, edits, change, scenario, out_error)) return false;
  Transcript changed;
  try {
    changed = run_scenario(scenario);
  } catch (const std::exception& error) {
    return out_error = edit::settings_text(change) + ": " + error.what(), false;
  }
  // Settings OpenSSL refuses before any byte is sent (no usable suite) are not a run to compare.
  if (changed.rejected) return out_error = edit::settings_text(change) + ": " + changed.failure, false;
  const std::size_t fork = edit::first_difference(original->transcript, changed);
  if (fork == 0) return out_error = kClientSendsThatAlready, false;
  WhatIfEdit result;
  result.by = EditBy::client;
  result.original = original;
  result.edits.assign(edits.begin(), edits.end());
  result.first_difference = fork;
  result.client_settings = edit::settings_text(change);
  result.client_notes = change.notes;
  const std::size_t hello = change.step - 1;
  if (hello < original->transcript.steps.size() && hello < changed.steps.size()) {
    edit::Replacement sent;
    sent.step = change.step;
    sent.expected = original->transcript.steps[hello].bytes;
    sent.bytes = changed.steps[hello].bytes;
    sent.descriptions = {result.client_settings};
    result.replacements.push_back(std::move(sent));
  }
  result.label = "by the client: " + settings_label(change);
  result.edited = decode_run(scenario, std::move(changed), {});
  result.run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  out_edit = std::move(result);
  return true;
}

std::vector<std::string> negotiated_differences(const Negotiated& before, const Negotiated& after) {
  const std::pair<const char*, std::string Negotiated::*> kSettings[] = {
      {"version", &Negotiated::version}, {"cipher", &Negotiated::cipher}, {"group", &Negotiated::group},
      {"signature", &Negotiated::sigalg}, {"ALPN", &Negotiated::alpn}};
  std::vector<std::string> lines;
  for (const auto& [name, member] : kSettings) {
    const std::string& was = before.*member;
    const std::string& now = after.*member;
    if (was == now) continue;
    lines.push_back(std::string(name) + ": " + (was.empty() ? "not reached" : was) + " \xe2\x86\x92 " + (now.empty() ? "not reached" : now));
  }
  return lines;
}

std::optional<std::size_t> same_record_index(const Transcript& from, std::size_t index, const Transcript& to) {
  if (index >= from.steps.size() || from.steps[index].kind == StepKind::event) return std::nullopt;
  std::size_t ordinal = 0;
  for (std::size_t i = 0; i < index; ++i) ordinal += from.steps[i].kind == StepKind::event ? 0 : 1;
  for (std::size_t i = 0; i < to.steps.size(); ++i) {
    if (to.steps[i].kind == StepKind::event) continue;
    if (ordinal-- == 0) return i;
  }
  return std::nullopt;
}

}  // namespace hl::app
