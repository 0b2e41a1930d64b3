// "What if?" by the client: a ClientHello edit read as a change of the client's own
// configuration (offered suites, groups and key shares, server_name, ALPN, versions,
// signature algorithms), so that the client itself sends it and both transcripts agree.
// This shows negotiation; a wire edit (what_if.hpp) shows integrity.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/edit/edit_spec.hpp"
#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"

namespace hl::edit {

/// The client's settings a ClientHello edit stands for.
struct ClientChange {
  std::size_t step = 0;                                     // the ClientHello step the edits named
  std::vector<std::pair<std::string, std::string>> settings;  // scenario keys and values, as `--set KEY=VALUE`
  std::vector<std::string> notes;                           // where OpenSSL's client differs from the edit as written
};

/// True when `step` (from 1) of `run` is a ClientHello the client itself wrote: the one step a
/// client change may name.
bool is_client_hello(const Transcript& run, std::size_t step);

/// Reads edits of the client's ClientHello in `run` (a run of `scenario`) as client settings.
/// All edits name one step. False, with one sentence, when the step is not the client's
/// ClientHello, an edit does not apply, the edit changes nothing the client's configuration
/// decides (legacy_version, the random, an unknown extension: send those on the wire), or
/// OpenSSL's client cannot send the result (no key share, two key shares, no suite).
[[nodiscard]] bool client_change(const Scenario& scenario, const Transcript& run, std::span<const EditSpec> edits,
                                 ClientChange& out_change, std::string& out_error);

/// The scenario with a change's settings applied. False with the refused setting's sentence.
[[nodiscard]] bool apply_client_change(const ClientChange& change, Scenario& in_out_scenario, std::string& out_error);

/// "--set client-ciphers=TLS_AES_128_CCM_SHA256 --set groups=secp384r1:x25519": the change as a person would type it.
std::string settings_text(const ClientChange& change);

}  // namespace hl::edit
