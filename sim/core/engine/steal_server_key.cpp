// The recording, the stolen key, and the lab's own TLS 1.2 key schedule and record opening.
#include "core/engine/steal_server_key.hpp"

#include <algorithm>
#include <string>

#include "core/crypto/handshake_log.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/crypto/rsa_premaster.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/fields.hpp"

namespace hl {
namespace {

constexpr std::size_t kShownPremasterLen = 8;  // enough to recognise it, short enough to read

// The run as Mallory's recording holds it: every step's bytes, no key log, no decrypted plaintext.
Transcript recording_of(const Transcript& run) {
  Transcript recording;
  recording.steps = run.steps;
  for (Step& step : recording.steps) step.plaintext.clear();
  return recording;
}

std::string hex(const Bytes& bytes, std::size_t max_len) {
  static const char* const kDigits = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < std::min(bytes.size(), max_len); ++i)
    text += std::string(i ? " " : "") + kDigits[bytes[i] >> 4] + kDigits[bytes[i] & 15];
  return bytes.size() > max_len ? text + " ..." : text;
}

// The step that shows why the key is useless, and why: the key exchange was ephemeral.
AttackerNote why_nothing_opens(const Transcript& run, const std::vector<crypto::HandshakeMessage>& messages) {
  const std::string group = run.negotiated.group.empty() ? "an ephemeral group" : run.negotiated.group;
  const std::string gone = " The shared secret needs one of the two ephemeral private keys, and both sides erased "
                           "them when the handshake ended: the stolen key opens nothing (forward secrecy).";
  const auto hello = crypto::find_message(messages, crypto::kServerHello, Side::server);
  if (run.negotiated.version == "TLSv1.3")
    return {hello ? messages[*hello].step : 0,
            "The stolen server key is useless here: TLS 1.3 has no RSA key transport (RFC 8446 §1.2). The secret came "
            "from the " + group + " key shares in ClientHello and ServerHello, made for this connection only; the "
            "server's key only signed CertificateVerify." + gone};
  const auto exchange = crypto::find_message(messages, crypto::wire_type(HandshakeType::server_key_exchange), Side::server);
  return {exchange ? messages[*exchange].step : 0,
          "The stolen server key is useless here: the key exchange was ECDHE (" + group + "). The ServerKeyExchange "
          "carries the server's ephemeral public key, which the certificate's key only signed, and the "
          "ClientKeyExchange the client's ephemeral public key, not an encrypted secret." + gone};
}

void read_opened_records(const Transcript& recording, const crypto::KeySchedule& schedule, AttackerReport& out) {
  for (const crypto::RecordProtection& record : crypto::open_records(recording, schedule)) {
    if (!record.opened || record.content_type != record::kApplicationData) continue;
    const auto begin = record.decrypted.begin() + static_cast<std::ptrdiff_t>(record.content.offset);
    const Bytes content(begin, begin + static_cast<std::ptrdiff_t>(record.content.len));
    const Side from = recording.steps[record.step - 1].from;
    out.read.push_back({record.step, std::string("decrypted with the stolen key, the ") + side_name(from) +
                                         " sent: " + wire::escaped_text(content)});
  }
}

}  // namespace

void read_recording_with_stolen_key(EVP_PKEY* server_key, Transcript& out) {
  const Transcript recording = recording_of(out);
  const auto messages = crypto::handshake_messages(recording);
  const auto exchange = crypto::find_message(messages, crypto::kClientKeyExchange, Side::client);
  const bool rsa_transport =
      exchange && !crypto::find_message(messages, crypto::wire_type(HandshakeType::server_key_exchange), Side::server);
  if (!crypto::find_message(messages, crypto::kServerHello, Side::server))
    return out.attacker.read.push_back({0, "No TLS session was recorded, so the stolen server key has nothing to open."});
  if (!rsa_transport) return out.attacker.read.push_back(why_nothing_opens(out, messages));

  const std::size_t step = messages[*exchange].step;
  Bytes encrypted, premaster;
  std::string error;
  if (!crypto::read_encrypted_premaster(messages[*exchange].bytes, encrypted, error) ||
      !crypto::decrypt_rsa_premaster(server_key, encrypted, premaster, error))
    return out.attacker.read.push_back({step, "The stolen server key does not open the ClientKeyExchange: " + error});
  out.attacker.read.push_back(
      {step, "With the server's private key, stolen after the session, she decrypts the premaster the client "
             "encrypted to it in the ClientKeyExchange (RSA key transport, RFC 5246 §7.4.7.1): " +
                 hex(premaster, kShownPremasterLen) + " (48 bytes)"});
  crypto::KeyExchangeSecrets secrets;
  secrets.pre_master_secret = premaster;
  const crypto::KeySchedule schedule = crypto::compute_key_schedule(recording, secrets);
  const crypto::ScheduleValue* master = schedule.find("master_secret");
  if (master == nullptr || master->source != crypto::ValueSource::recomputed)
    return out.attacker.read.push_back({step, "The premaster opened, but the master secret could not be derived: " +
                                                  (master ? master->unavailable : schedule.unavailable)});
  out.attacker.read.push_back({step, "From the premaster and the two randoms in the recorded hellos she derives the "
                                     "master secret and every write key (RFC 5246 §8.1, §6.3), as both ends did."});
  read_opened_records(recording, schedule, out.attacker);
}

}  // namespace hl
