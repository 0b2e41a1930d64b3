// Record protection per RFC 8446 §5.2-5.4 (TLS 1.3), RFC 5246 §6.2.3 with RFC 5288 (GCM),
// RFC 6655 (CCM), RFC 7905 (ChaCha20-Poly1305) and RFC 7366 (encrypt-then-MAC) for TLS 1.2.
#include "core/crypto/record_protection.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "core/crypto/aead.hpp"
#include "core/crypto/handshake_log.hpp"
#include "core/crypto/kdf.hpp"
#include "core/model/record_layer.hpp"

namespace hl::crypto {
namespace {

constexpr std::uint16_t kEncryptThenMacExt = 22;
constexpr std::uint16_t kEarlyDataExt = 42;
constexpr std::size_t kCbcBlockLen = 16;

ByteView view(const Bytes& bytes, ByteRange range) { return ByteView(bytes).subspan(range.offset, range.len); }

Bytes u16_bytes(std::size_t value) {
  return {static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}

// TLS 1.2 additional data / MAC header: seq_num + type + version + length.
Bytes tls12_header_input(std::uint64_t seq, const Bytes& record, std::size_t length) {
  Bytes out = seq_bytes(seq);
  out.insert(out.end(), record.begin(), record.begin() + 3);  // type, legacy version
  const Bytes len = u16_bytes(length);
  out.insert(out.end(), len.begin(), len.end());
  return out;
}

Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

class Opener {
 public:
  Opener(const Transcript& transcript, const KeySchedule& schedule) : t_(transcript), s_(schedule) {
    const auto messages = handshake_messages(transcript, schedule.connection);
    for (Side side : {Side::client, Side::server}) {
      const auto hello = find_message(messages, kServerHello, Side::server);
      const auto finished = find_message(messages, kFinished, side, hello.value_or(0));
      if (finished) finished_step_[static_cast<std::size_t>(side)] = messages[*finished].step;
      if (hello) encrypt_then_mac_ = hello_extension(messages[*hello], kEncryptThenMacExt).has_value();
    }
    if (const auto hello = find_message(messages, kServerHello, Side::server)) server_hello_step_ = messages[*hello].step;
    if (const auto hello = find_message(messages, kClientHello, Side::client))
      early_data_offered_ = hello_extension(messages[*hello], kEarlyDataExt).has_value();
    for (const HandshakeMessage& m : messages)
      if (m.type == kKeyUpdate && m.from != Side::attacker) key_update_steps_[static_cast<std::size_t>(m.from)].push_back(m.step);
  }

  RecordProtection open(std::size_t step_index) {
    const Step& step = t_.steps[step_index - 1];
    RecordProtection out;
    out.step = step_index;
    out.header = {0, record::kHeaderLen};
    if (!s_.suite || (s_.version != 0x0304 && s_.version != 0x0303)) {
      out.problem = s_.unavailable.empty() ? "no key schedule for this connection" : s_.unavailable;
      return out;
    }
    if (s_.version == 0x0304 && opens_as_end_of_early_data(step, step_index, out)) return out;
    if (!choose_keys(step, out)) return out;
    if (s_.version == 0x0304) open_tls13(step, out);
    else if (s_.suite->mode == RecordMode::cbc) open_tls12_cbc(step, out);
    else open_tls12_aead(step, out);
    return out;
  }

 private:
  // Picks the secret in force for this record and counts its sequence number.
  bool choose_keys(const Step& step, RecordProtection& out) {
    const bool client = sender_role(step) == Side::client;
    const std::size_t step_index = out.step;
    if (s_.version == 0x0304) {
      const auto finished = finished_step_[static_cast<std::size_t>(sender_role(step))];
      const bool handshake = !finished || step_index <= *finished;
      out.secret = std::string(client ? "client_" : "server_") +
                   (handshake ? "handshake_traffic_secret" : "application_traffic_secret_" + std::to_string(generation(step, step_index)));
      if (client && early(step, step_index)) out.secret = "client_early_traffic_secret";
      out.seq = next_seq_[out.secret]++;
      return take(out, out.secret + "_key", out.key) && take(out, out.secret + "_iv", out.iv);
    }
    const std::string prefix = client ? "client_write_" : "server_write_";
    out.secret = prefix + "key";
    out.seq = next_seq_[out.secret]++;
    if (!take(out, out.secret, out.key)) return false;
    if (s_.suite->fixed_iv_len > 0 && !take(out, prefix + "iv", out.iv)) return false;
    return s_.suite->mac_len == 0 || take(out, prefix + "mac_key", out.mac_key);
  }

  // A capture of accepted 0-RTT: the client's first protected record after the ServerHello is
  // EndOfEarlyData under the early key (RFC 8446 §4.5) when the server took the early data, else its
  // Finished. The EncryptedExtensions that says which may not be open yet, so the record decides:
  // it is early when it opens with the early key. Its sequence number counts only when it does.
  bool opens_as_end_of_early_data(const Step& step, std::size_t step_index, RecordProtection& out) {
    if (step.protection != TrafficSecret::none || sender_role(step) != Side::client || !early_data_offered_ ||
        !server_hello_step_ || step_index < *server_hello_step_ || end_of_early_data_tried_)
      return false;
    end_of_early_data_tried_ = true;
    RecordProtection early = out;
    early.secret = "client_early_traffic_secret";
    early.seq = next_seq_[early.secret];
    if (!take(early, early.secret + "_key", early.key) || !take(early, early.secret + "_iv", early.iv)) return false;
    open_tls13(step, early);
    if (!early.opened) return false;
    ++next_seq_[early.secret];
    out = std::move(early);
    return true;
  }

  // 0-RTT (RFC 8446 §2.3): the engine names the secret its client wrote with; a capture does not, and
  // there a client record ahead of the ServerHello, after a ClientHello that offered early_data, is early data.
  bool early(const Step& step, std::size_t step_index) const {
    if (step.protection != TrafficSecret::none) return step.protection == TrafficSecret::client_early;
    return early_data_offered_ && (!server_hello_step_ || step_index < *server_hello_step_);
  }

  // The sender's KeyUpdates before this record: its own KeyUpdate still travels under the old keys.
  std::size_t generation(const Step& step, std::size_t step_index) const {
    const auto& updates = key_update_steps_[static_cast<std::size_t>(sender_role(step))];
    return static_cast<std::size_t>(std::count_if(updates.begin(), updates.end(), [&](std::size_t s) { return s < step_index; }));
  }

  bool take(RecordProtection& out, const std::string& name, Bytes& into) const {
    const Bytes* value = s_.bytes(name);
    if (value == nullptr) {
      const ScheduleValue* node = s_.find(name);
      out.problem = name + " is unavailable" + (node ? ": " + node->unavailable : "");
      return false;
    }
    into = *value;
    return true;
  }

  bool split_aead(const Step& step, RecordProtection& out, std::size_t explicit_len) {
    const std::size_t tag_len = s_.suite->tag_len;
    const std::size_t size = step.bytes.size();
    if (size < record::kHeaderLen + explicit_len + tag_len) {
      out.problem = "the record is too short for its nonce and tag";
      return false;
    }
    out.explicit_nonce = {record::kHeaderLen, explicit_len};
    out.ciphertext = {record::kHeaderLen + explicit_len, size - record::kHeaderLen - explicit_len - tag_len};
    out.tag = {size - tag_len, tag_len};
    return true;
  }

  void open_aead(const Step& step, RecordProtection& out) {
    auto plain = aead_open(*s_.suite, out.key, out.nonce, out.aad, view(step.bytes, out.ciphertext), view(step.bytes, out.tag));
    if (!plain) {
      out.problem = "the tag does not verify: the record was changed on the wire, or the keys are not the ones in force";
      return;
    }
    out.opened = true;
    out.decrypted = std::move(*plain);
  }

  void open_tls13(const Step& step, RecordProtection& out) {
    if (!split_aead(step, out, 0)) return;
    out.nonce = xor_right_aligned(out.iv, seq_bytes(out.seq));
    out.nonce_note = "The write IV XOR the 64-bit sequence number " + std::to_string(out.seq) + ", left-padded with zeros (RFC 8446 §5.3).";
    out.aad.assign(step.bytes.begin(), step.bytes.begin() + record::kHeaderLen);
    open_aead(step, out);
    if (!out.opened) return;
    // TLSInnerPlaintext: content, then the real content type, then zero padding.
    std::size_t end = out.decrypted.size();
    while (end > 0 && out.decrypted[end - 1] == 0) --end;
    if (end == 0) {
      out.problem = "the inner plaintext is all zeros: no content type (RFC 8446 §5.4 makes this an unexpected_message)";
      return;
    }
    out.content = {0, end - 1};
    out.content_type = out.decrypted[end - 1];
    out.padding = {end, out.decrypted.size() - end};
    compare(step, out.decrypted, out);
  }

  void open_tls12_aead(const Step& step, RecordProtection& out) {
    const bool chacha = s_.suite->mode == RecordMode::chacha20_poly1305;
    if (!split_aead(step, out, s_.suite->explicit_nonce_len)) return;
    if (chacha) {
      out.nonce = xor_right_aligned(out.iv, seq_bytes(out.seq));
      out.nonce_note = "The 12-byte write IV XOR the sequence number " + std::to_string(out.seq) + " (RFC 7905 §2); nothing is sent.";
    } else {
      out.nonce = concat(out.iv, view(step.bytes, out.explicit_nonce));
      out.nonce_note = "The 4-byte implicit salt (write IV from the key block) then the 8-byte explicit nonce the record "
                       "carries (RFC 5288 §3). OpenSSL starts the explicit part at a random value per connection and "
                       "adds one per record.";
    }
    out.aad = tls12_header_input(out.seq, step.bytes, out.ciphertext.len);
    out.content_type = step.bytes[0];
    open_aead(step, out);
    if (!out.opened) return;
    out.content = {0, out.decrypted.size()};
    compare(step, out.decrypted, out);
  }

  void open_tls12_cbc(const Step& step, RecordProtection& out) {
    out.cbc = true;
    out.encrypt_then_mac = encrypt_then_mac_;
    const std::size_t size = step.bytes.size();
    const std::size_t mac_len = encrypt_then_mac_ ? s_.suite->mac_len : 0;
    if (size < record::kHeaderLen + kCbcBlockLen + mac_len + kCbcBlockLen) {
      out.problem = "the record is too short for an explicit IV, one block and a MAC";
      return;
    }
    out.explicit_nonce = {record::kHeaderLen, kCbcBlockLen};
    out.ciphertext = {record::kHeaderLen + kCbcBlockLen, size - record::kHeaderLen - kCbcBlockLen - mac_len};
    out.mac = {size - mac_len, mac_len};
    out.nonce = Bytes(step.bytes.begin() + record::kHeaderLen, step.bytes.begin() + record::kHeaderLen + kCbcBlockLen);
    out.nonce_note = "CBC has no nonce: each record carries a fresh random IV in front of its ciphertext (RFC 5246 §6.2.3.2).";
    out.content_type = step.bytes[0];
    if (encrypt_then_mac_ && !mac_verifies(step, out)) return;
    auto plain = cbc_decrypt(*s_.suite, out.key, out.nonce, view(step.bytes, out.ciphertext));
    if (!plain) {
      out.problem = "the ciphertext is not a whole number of blocks";
      return;
    }
    out.decrypted = std::move(*plain);
    strip_cbc(step, out);
  }

  // RFC 7366 §3: MAC(MAC_write_key, seq_num + type + version + length + IV + ENC(content + padding)).
  bool mac_verifies(const Step& step, RecordProtection& out) {
    const std::size_t covered = out.explicit_nonce.len + out.ciphertext.len;
    out.aad = tls12_header_input(out.seq, step.bytes, covered);
    const Bytes input = concat(out.aad, ByteView(step.bytes).subspan(record::kHeaderLen, covered));
    if (hmac(s_.suite->mac_digest, out.mac_key, input) == Bytes(view(step.bytes, out.mac).begin(), view(step.bytes, out.mac).end()))
      return true;
    out.problem = "the MAC does not verify: the record was changed on the wire, or the keys are not the ones in force";
    return false;
  }

  // Removes padding (and, MAC-then-encrypt, checks the MAC inside the plaintext).
  void strip_cbc(const Step& step, RecordProtection& out) {
    const Bytes& d = out.decrypted;
    const std::size_t pad_len = std::size_t{d.back()} + 1;
    const std::size_t inner_mac_len = encrypt_then_mac_ ? 0 : s_.suite->mac_len;
    if (pad_len + inner_mac_len > d.size()) {
      out.problem = "the padding length byte points before the start of the record";
      return;
    }
    for (std::size_t i = d.size() - pad_len; i < d.size(); ++i)
      if (d[i] != d.back()) {
        out.problem = "the padding bytes are not all equal to the padding length";
        return;
      }
    out.padding = {d.size() - pad_len, pad_len};
    out.content = {0, d.size() - pad_len - inner_mac_len};
    out.inner_mac = {out.content.len, inner_mac_len};
    if (!encrypt_then_mac_) {
      out.aad = tls12_header_input(out.seq, step.bytes, out.content.len);
      const Bytes expected = hmac(s_.suite->mac_digest, out.mac_key, concat(out.aad, view(d, out.content)));
      if (expected != Bytes(view(d, out.inner_mac).begin(), view(d, out.inner_mac).end())) {
        out.problem = "the MAC inside the decrypted record does not verify";
        return;
      }
    }
    out.opened = true;
    const ByteView content = view(d, out.content);
    compare(step, Bytes(content.begin(), content.end()), out);
  }

  static void compare(const Step& step, const Bytes& opened, RecordProtection& out) {
    out.matches_plaintext = opened == step.plaintext;
    if (!out.matches_plaintext) out.problem = "the record opens, but not to the plaintext the endpoint reported";
  }

  const Transcript& t_;
  const KeySchedule& s_;
  std::array<std::optional<std::size_t>, 2> finished_step_;
  std::array<std::vector<std::size_t>, 2> key_update_steps_;  // per sender: the steps that carried its KeyUpdates
  std::optional<std::size_t> server_hello_step_;  // the step that carried the ServerHello
  bool early_data_offered_ = false;               // the ClientHello carries early_data (RFC 8446 §4.2.10)
  bool end_of_early_data_tried_ = false;          // a capture: the client's first record after the ServerHello was tried
  bool encrypt_then_mac_ = false;
  std::map<std::string, std::uint64_t> next_seq_;
};

}  // namespace

std::vector<RecordProtection> open_records(const Transcript& transcript, const KeySchedule& schedule) {
  std::vector<RecordProtection> records;
  Opener opener(transcript, schedule);
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    // Mallory's injected or late copies carry no sequence number of their own (nor her keys).
    if (step.kind == StepKind::record && step.is_protected && !step.by_attacker && step.bytes.size() >= record::kHeaderLen &&
        step.connection == schedule.connection)
      records.push_back(opener.open(i + 1));
  }
  return records;
}

std::vector<RecordProtection> open_records(const Transcript& transcript, std::span<const KeySchedule> schedules) {
  std::vector<RecordProtection> records;
  for (const KeySchedule& schedule : schedules) {
    auto opened = open_records(transcript, schedule);
    records.insert(records.end(), opened.begin(), opened.end());
  }
  std::sort(records.begin(), records.end(), [](const RecordProtection& a, const RecordProtection& b) { return a.step < b.step; });
  return records;
}

}  // namespace hl::crypto
