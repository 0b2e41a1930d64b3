// Two runs side by side (the compare view): which step of one run stands beside which step of
// the other. Steps are aligned by what they do in the handshake (their role: hello, server
// parameters, certificate, key exchange, finished, application data), each run kept in its own
// order. Pure functions over transcripts, no ImGui: the compare view draws what they return.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl::app {

/// What a message does in the handshake. Rows of one role stand side by side.
enum class Role : std::uint8_t {
  hello,              // ClientHello, ServerHello, HelloRetryRequest
  server_parameters,  // EncryptedExtensions, CertificateRequest, ServerHelloDone
  certificate,        // Certificate, CertificateVerify, CertificateStatus
  key_exchange,       // ServerKeyExchange, ClientKeyExchange
  change_cipher_spec,  // ChangeCipherSpec (TLS 1.2: encryption starts; TLS 1.3: a dummy for middleboxes)
  finished,           // Finished, EndOfEarlyData
  session_ticket,     // NewSessionTicket
  application_data,   // application data records and application lines in the clear
  alert,              // alerts, close_notify among them
  other,              // KeyUpdate, anything else
};

/// "hello", "server parameters", ...: the label of a role for a person.
const char* role_name(Role role);

/// The role of a record or application line: its first handshake message's, else its content
/// type's. Events have no role of their own (other).
Role role_of(const Step& step);

/// Whether the compare view shows a step: records and application lines (what crossed the
/// wire) of `connection` (0: every connection). Endpoint events never.
bool compared_step(const Step& step, int connection = 0);

/// One row of the aligned ladders: a step of the left run, of the right run, or of both.
struct AlignedRow {
  std::optional<std::size_t> left;   // transcript index in the left run
  std::optional<std::size_t> right;  // transcript index in the right run
  Role role = Role::other;
  bool same = false;  // both sides hold the same message (StepIdentity: sender, type, handshake messages)
  bool operator==(const AlignedRow&) const = default;
};

/// Aligns the compared steps of two runs. Every compared step of each run appears once, in its
/// run's order. Two steps share a row when they are the same message (worth most), or at least
/// the same role from the same sender; among alignments with the most worth, a step only one run
/// has comes as early as it can, the left run's before the right run's.
std::vector<AlignedRow> align_runs(const Transcript& left, const Transcript& right, int left_connection = 0,
                                   int right_connection = 0);

/// The first row where the two runs part: one side has no step there, the steps are not the
/// same message, or their bytes differ. nullopt when every row is the same on both sides. For
/// seeded runs of one scenario (a "what if" edit) that is the row where the edit took effect.
std::optional<std::size_t> first_differing_row(const std::vector<AlignedRow>& rows, const Transcript& left,
                                               const Transcript& right);

}  // namespace hl::app
