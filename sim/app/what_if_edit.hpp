// A "what if?" edit in the window: the run on screen, and the same seeded run either with an edited
// record delivered in place of the original (on the wire, core/edit/what_if.hpp) or with the client
// configured to send the edited ClientHello itself (by the client, core/edit/client_change.hpp), and
// what the views show of it (the label, the fork, the changed bytes). Pure logic, no ImGui, so tests
// drive it without a window.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/run_data.hpp"
#include "core/edit/edit_spec.hpp"
#include "core/edit/what_if.hpp"

namespace hl::app {

/// Who makes a "what if?" change: Mallory on the wire (integrity: the transcripts no longer agree) or
/// the client itself (negotiation: both transcripts hold the changed ClientHello).
enum class EditBy : std::uint8_t { wire, client };

/// A "what if?" a view asks the App for.
struct EditRequest {
  edit::EditSpec spec;
  EditBy by = EditBy::wire;
};

/// An original run and its edited rerun, as the compare view shows them.
struct WhatIfEdit {
  EditBy by = EditBy::wire;
  std::shared_ptr<const RunData> original;        // the run that was edited (events grouped, as trace numbers steps)
  std::shared_ptr<const RunData> edited;          // the rerun with the edited record delivered
  std::vector<edit::EditSpec> edits;              // what was asked
  std::vector<edit::Replacement> replacements;    // on the wire: what was delivered in place of what (step numbers
                                                  // of `edited`); by the client: its one ClientHello, as the client
                                                  // first sent it (`expected`) and as it sends it now (`bytes`)
  std::string client_settings;                    // by the client: "--set client-ciphers=..." (empty on the wire)
  std::vector<std::string> client_notes;          // by the client: where OpenSSL's client differs from the edit
  std::size_t first_difference = 0;               // the first step (from 1) where the runs part; never 0
  std::string label;                              // the right-hand side's label: "edited: cipher_suites[0] -> ..."
                                                  // or "by the client: client-ciphers=..."
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

/// Reruns `original`'s seeded scenario with the client configured to send `edits` (fields of its
/// ClientHello) itself. False, with one sentence, when the scenario has no seed, the edits are not
/// the client's to make (see edit::client_change), OpenSSL refuses the settings, or nothing differs.
[[nodiscard]] bool make_client_what_if(const std::shared_ptr<const RunData>& original, std::span<const edit::EditSpec> edits,
                                       WhatIfEdit& out_edit, std::string& out_error);

/// What the client's configuration becomes for `edits` ("--set client-ciphers=..."), without running
/// it: the popup's preview. False with the sentence make_client_what_if() would refuse with.
[[nodiscard]] bool client_settings_for(const RunData& original, std::span<const edit::EditSpec> edits, std::string& out_settings,
                                       std::string& out_error);

/// One line per setting two runs agreed on differently, in the order version, cipher, group, signature,
/// ALPN: "cipher: TLS_AES_256_GCM_SHA384 → TLS_CHACHA20_POLY1305_SHA256"; a run that stopped before
/// agreeing on one says "not reached". Empty when they agree on all.
std::vector<std::string> negotiated_differences(const Negotiated& before, const Negotiated& after);

/// The index in `to` of the record or line at `index` of `from`, two forms of one run whose
/// events are grouped differently (View > Every event); nullopt when `index` is an event.
std::optional<std::size_t> same_record_index(const Transcript& from, std::size_t index, const Transcript& to);

}  // namespace hl::app
