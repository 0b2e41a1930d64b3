// RFC 5246 §8.1 / RFC 7627 §4 master secret, §6.3 key block, §7.4.9 Finished, all through
// the TLS 1.2 PRF. The premaster comes from the key-exchange capture when given; otherwise
// the master secret comes from the key log's CLIENT_RANDOM line.
#include <algorithm>
#include <optional>

#include "core/crypto/kdf.hpp"
#include "core/crypto/schedule_builder.hpp"

namespace hl::crypto {
namespace {

constexpr std::uint16_t kExtendedMasterSecretExt = 23;
constexpr std::size_t kMasterSecretLen = 48;
constexpr std::size_t kVerifyDataLen = 12;

Bytes concat(const Bytes& a, const Bytes& b) {
  Bytes out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

class Tls12 {
 public:
  Tls12(ScheduleBuilder& b, const SuiteCrypto& suite) : b_(b), suite_(suite) {
    const auto& m = b.messages();
    client_hello_ = find_message(m, kClientHello, Side::client);
    server_hello_ = find_message(m, kServerHello, Side::server);
    key_exchange_ = find_message(m, kClientKeyExchange, Side::client);
    client_finished_ = find_message(m, kFinished, Side::client);
    server_finished_ = find_message(m, kFinished, Side::server);
    extended_ = hello_extension(m[*server_hello_], kExtendedMasterSecretExt).has_value();
  }

  void build(const std::optional<Bytes>& pre_master_secret) {
    randoms();
    master_secret(pre_master_secret);
    b_.check_keylog("master_secret", "CLIENT_RANDOM");
    key_block();
    finished(client_finished_, "client");
    finished(server_finished_, "server");
  }

 private:
  static ScheduleValue node(std::string name, std::vector<std::string> inputs, std::string label) {
    ScheduleValue v;
    v.name = std::move(name);
    v.inputs = std::move(inputs);
    v.label = std::move(label);
    return v;
  }

  void randoms() {
    ScheduleValue client = node("client_random", {}, "");
    client.value = hello_random(b_.messages()[*client_hello_]);
    client.transcript_steps = {b_.messages()[*client_hello_].step};
    b_.from_transcript(std::move(client));
    ScheduleValue server = node("server_random", {}, "");
    server.value = hello_random(b_.messages()[*server_hello_]);
    server.transcript_steps = {b_.messages()[*server_hello_].step};
    b_.from_transcript(std::move(server));
  }

  // RSA key exchange: OpenSSL logs "RSA <first 8 bytes of EncryptedPreMasterSecret> <premaster>".
  std::optional<Bytes> rsa_premaster_from_keylog() const {
    if (!key_exchange_) return std::nullopt;
    const Bytes& cke = b_.messages()[*key_exchange_].bytes;
    constexpr std::size_t kEncryptedAt = 4 + 2;  // handshake header, then the opaque<0..2^16-1> length
    for (const auto& line : b_.keylog())
      if (line.label == "RSA" && cke.size() >= kEncryptedAt + 8 &&
          std::equal(line.client_random.begin(), line.client_random.end(), cke.begin() + kEncryptedAt))
        return line.secret;
    return std::nullopt;
  }

  void master_secret(std::optional<Bytes> pre_master_secret) {
    ScheduleValue pms = node("pre_master_secret", {}, "");
    const bool logged_rsa = !pre_master_secret && rsa_premaster_from_keylog().has_value();
    if (logged_rsa) pre_master_secret = rsa_premaster_from_keylog();
    if (logged_rsa) {
      pms.value = *pre_master_secret;
      pms.transcript_steps = {b_.messages()[*key_exchange_].step};
      pms.note = "RSA key exchange: the client encrypted this premaster to the server's key in its ClientKeyExchange; "
                 "OpenSSL logs it on the key log's RSA line.";
      b_.from_keylog_value(std::move(pms));
    } else if (!pre_master_secret) {
      b_.unavailable(std::move(pms), "the key exchange gives no premaster (it says why); OpenSSL gives the master secret (key log), not the premaster");
    } else {
      pms.value = *pre_master_secret;
      b_.from_input(std::move(pms));
    }
    ScheduleValue v = extended_ ? node("master_secret", {"pre_master_secret", "session_hash"}, "extended master secret")
                                : node("master_secret", {"pre_master_secret", "client_random", "server_random"}, "master secret");
    if (extended_) v.note = "Extended master secret (RFC 7627): the seed is the hash of the handshake up to the ClientKeyExchange.";
    if (extended_ && key_exchange_) {
      const TranscriptHash th = b_.transcript_hash(suite_.digest, key_exchange_, false);
      ScheduleValue session = node("session_hash", {}, "");
      session.value = th.hash;
      session.transcript_steps = th.steps;
      b_.recomputed(std::move(session));
      v.transcript_steps = th.steps;
    }
    if (!pre_master_secret || (extended_ && !key_exchange_)) {
      b_.from_keylog(std::move(v), "CLIENT_RANDOM", "the premaster secret is unavailable");
      return;
    }
    const Bytes seed = extended_ ? *b_.value("session_hash")
                                 : concat(*b_.value("client_random"), *b_.value("server_random"));
    v.value = tls12_prf(suite_.digest, *pre_master_secret, v.label, seed, kMasterSecretLen);
    b_.recomputed(std::move(v));
  }

  // key_block = PRF(master_secret, "key expansion", server_random + client_random), cut in order:
  // client MAC key, server MAC key, client key, server key, client IV, server IV (RFC 5246 §6.3).
  void key_block() {
    const Bytes* master = b_.value("master_secret");
    const std::size_t mac_len = suite_.mac_len, key_len = suite_.key_len, iv_len = suite_.fixed_iv_len;
    const std::size_t total = 2 * (mac_len + key_len + iv_len);
    ScheduleValue block = node("key_block", {"master_secret", "server_random", "client_random"}, "key expansion");
    if (master == nullptr) {
      b_.unavailable(std::move(block), "the master secret is unavailable");
      return;
    }
    block.value = tls12_prf(suite_.digest, *master, "key expansion",
                            concat(*b_.value("server_random"), *b_.value("client_random")), total);
    const Bytes bytes = b_.recomputed(std::move(block));
    if (bytes.size() != total) return;
    std::size_t at = 0;
    const auto cut = [&](const char* name, std::size_t len) {
      if (len == 0) return;
      ScheduleValue part = node(name, {"key_block"}, "");
      part.value.assign(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin() + static_cast<std::ptrdiff_t>(at + len));
      at += len;
      b_.recomputed(std::move(part));
    };
    cut("client_write_mac_key", mac_len);
    cut("server_write_mac_key", mac_len);
    cut("client_write_key", key_len);
    cut("server_write_key", key_len);
    cut("client_write_iv", iv_len);
    cut("server_write_iv", iv_len);
  }

  // verify_data = PRF(master_secret, "<side> finished", Hash(handshake_messages))[0..11].
  void finished(std::optional<std::size_t> index, const std::string& who) {
    const Bytes* master = b_.value("master_secret");
    if (!index || master == nullptr || *index == 0) return;
    const TranscriptHash th = b_.transcript_hash(suite_.digest, *index - 1, false);
    ScheduleValue v = node(who + "_finished_verify_data", {"master_secret"}, who + " finished");
    v.transcript_steps = th.steps;
    v.carried_by_step = b_.messages()[*index].step;
    v.value = tls12_prf(suite_.digest, *master, v.label, th.hash, kVerifyDataLen);
    const Bytes expected = b_.recomputed(std::move(v));
    b_.check_finished(*index, who, expected);
  }

  ScheduleBuilder& b_;
  const SuiteCrypto& suite_;
  std::optional<std::size_t> client_hello_, server_hello_, key_exchange_, client_finished_, server_finished_;
  bool extended_ = false;
};

}  // namespace

void build_tls12_schedule(ScheduleBuilder& builder, const SuiteCrypto& suite,
                          const std::optional<Bytes>& pre_master_secret) {
  Tls12(builder, suite).build(pre_master_secret);
}

}  // namespace hl::crypto
