// RFC 8446 §7.1, top-down from the (EC)DHE shared secret when it is given, else from the
// key log's traffic secrets (the secrets above them then stay unavailable: HKDF is one-way).
//
//              0 -> HKDF-Extract = Early Secret -> Derive-Secret(., "derived", "")
//   (EC)DHE -> HKDF-Extract = Handshake Secret -> {c,s} hs traffic (CH..SH), Derive-Secret(., "derived", "")
//         0 -> HKDF-Extract = Master Secret -> {c,s} ap traffic, exp master (CH..server Finished),
//                                              res master (CH..client Finished)
#include <algorithm>
#include <array>
#include <optional>

#include "core/crypto/kdf.hpp"
#include "core/crypto/schedule_builder.hpp"

namespace hl::crypto {
namespace {

constexpr std::uint16_t kPreSharedKeyExt = 41;
constexpr std::uint16_t kKeyShareExt = 51;
constexpr std::uint16_t kEarlyDataExt = 42;

struct TrafficSecret {
  const char* name;
  const char* label;          // Derive-Secret label
  const char* keylog_label;   // NSS key log label
  bool handshake;             // a handshake traffic secret: it also gives a finished_key
};

constexpr TrafficSecret kClientHandshake = {"client_handshake_traffic_secret", "c hs traffic",
                                            "CLIENT_HANDSHAKE_TRAFFIC_SECRET", true};
constexpr TrafficSecret kServerHandshake = {"server_handshake_traffic_secret", "s hs traffic",
                                            "SERVER_HANDSHAKE_TRAFFIC_SECRET", true};
constexpr TrafficSecret kClientApplication = {"client_application_traffic_secret_0", "c ap traffic",
                                              "CLIENT_TRAFFIC_SECRET_0", false};
constexpr TrafficSecret kServerApplication = {"server_application_traffic_secret_0", "s ap traffic",
                                              "SERVER_TRAFFIC_SECRET_0", false};
constexpr TrafficSecret kExporter = {"exporter_master_secret", "exp master", "EXPORTER_SECRET", false};

class Tls13 {
 public:
  Tls13(ScheduleBuilder& b, const SuiteCrypto& suite) : b_(b), suite_(suite), zeros_(hash_len(suite.digest), 0) {
    const auto& m = b.messages();
    server_hello_ = find_message(m, kServerHello, Side::server);
    const std::size_t after_hello = server_hello_ ? *server_hello_ : 0;
    server_finished_ = find_message(m, kFinished, Side::server, after_hello);
    if (server_finished_) client_finished_ = find_message(m, kFinished, Side::client, *server_finished_);
  }

  void build(const std::optional<Bytes>& shared_secret, const ResumptionInput& resumption) {
    if (resumption.resumed) {
      psk_early_secrets(resumption);
      psk_handshake_secret(shared_secret);
    } else {
      early_secrets();
      handshake_secret(shared_secret);
    }
    traffic(kClientHandshake, server_hello_, "the ServerHello");
    traffic(kServerHandshake, server_hello_, "the ServerHello");
    master_secret();
    traffic(kClientApplication, server_finished_, "the server's Finished");
    traffic(kServerApplication, server_finished_, "the server's Finished");
    traffic(kExporter, server_finished_, "the server's Finished");
    key_updates(Side::client, "client_");
    key_updates(Side::server, "server_");
    resumption_secret();
    finished_checks();
  }

 private:
  ScheduleValue node(std::string name, std::vector<std::string> inputs, std::string label) const {
    ScheduleValue v;
    v.name = std::move(name);
    v.inputs = std::move(inputs);
    v.label = std::move(label);
    return v;
  }

  // Derive-Secret(secret, label, messages) = HKDF-Expand-Label(secret, label, Transcript-Hash(messages), Hash.length)
  void derive_secret(ScheduleValue v, const std::string& parent, std::optional<std::size_t> last_message) {
    const Bytes& secret = *b_.value(parent);
    TranscriptHash th;
    if (last_message) th = b_.transcript_hash(suite_.digest, last_message, true);
    else th.hash = hash(suite_.digest, {});
    v.transcript_steps = th.steps;
    v.note = th.note;
    v.value = hkdf_expand_label(suite_.digest, secret, v.label, th.hash, zeros_.size());
    b_.recomputed(std::move(v));
  }

  void early_secrets() {
    ScheduleValue early = node("early_secret", {}, "");
    if (b_.messages().size() > *server_hello_ && hello_extension(b_.messages()[*server_hello_], kPreSharedKeyExt)) {
      b_.unavailable(std::move(early), "the server accepted a pre-shared key, which is not in the key log");
      early_traffic();  // a capture of a resumed connection: its 0-RTT key comes from the key log
      return;
    }
    early.note = "HKDF-Extract(salt 0, IKM 0): no pre-shared key, so it is the same in every full handshake.";
    early.value = hkdf_extract(suite_.digest, zeros_, zeros_);
    b_.recomputed(std::move(early));
    derive_secret(node("early_derived_secret", {"early_secret"}, "derived"), "early_secret", std::nullopt);
    // The client sent 0-RTT under a PSK this server did not take (a replayed ClientHello whose ticket is
    // spent): its early records were still written under that PSK's early key, which only the key log gives.
    const bool logged = std::any_of(b_.keylog().begin(), b_.keylog().end(),
                                    [](const KeyLogEntry& e) { return e.label == "CLIENT_EARLY_TRAFFIC_SECRET"; });
    if (logged) early_traffic(/*keylog_only=*/true);
  }

  // A resumed connection (RFC 8446 §4.6.1, §7.1): the PSK comes from the first connection's
  // resumption_master_secret and the ticket's nonce; the binder proves the client holds it.
  void psk_early_secrets(const ResumptionInput& r) {
    ScheduleValue early = node("early_secret", {"psk"}, "");
    if (!r.unavailable.empty()) {
      b_.unavailable(std::move(early), "the server accepted a pre-shared key the lab cannot recompute: " + r.unavailable);
      early_traffic();  // from the key log, when it has it
      return;
    }
    ScheduleValue previous = node("previous_resumption_master_secret", {}, "");
    previous.value = r.resumption_master_secret;
    previous.transcript_steps = r.secret_steps;
    previous.note = "The first connection's resumption_master_secret: both sides kept it with the session.";
    b_.from_input(std::move(previous));
    ScheduleValue psk = node("psk", {"previous_resumption_master_secret"}, "resumption");
    psk.value = hkdf_expand_label(suite_.digest, r.resumption_master_secret, "resumption", r.ticket_nonce, zeros_.size());
    psk.carried_by_step = r.ticket_step;
    psk.note = "HKDF-Expand-Label(resumption_master_secret, \"resumption\", ticket_nonce, Hash.length), with the "
               "nonce of the NewSessionTicket at step " + std::to_string(r.ticket_step) + " whose ticket the client offered.";
    const Bytes psk_value = b_.recomputed(std::move(psk));
    early.note = "HKDF-Extract(salt 0, IKM psk): the resumed connection starts from the ticket's key.";
    early.value = hkdf_extract(suite_.digest, zeros_, psk_value);
    b_.recomputed(std::move(early));
    binder(r);
    early_traffic();
    derive_secret(node("early_derived_secret", {"early_secret"}, "derived"), "early_secret", std::nullopt);
  }

  // 0-RTT (RFC 8446 §7.1): a ClientHello with early_data makes the early traffic secret from the
  // early secret and the ClientHello alone, whether or not the server then accepts the data.
  // keylog_only: the early secret on hand is not the one the client used (see early_secrets()).
  void early_traffic(bool keylog_only = false) {
    const auto client_hello = find_message(b_.messages(), kClientHello, Side::client);
    if (!client_hello || !hello_extension(b_.messages()[*client_hello], kEarlyDataExt)) return;
    ScheduleValue traffic = node("client_early_traffic_secret", {"early_secret"}, "c e traffic");
    if (keylog_only || b_.value("early_secret") == nullptr) {  // a capture of the resumed connection alone: no ticket to start from
      const TranscriptHash th = b_.transcript_hash(suite_.digest, client_hello, true);
      traffic.transcript_steps = th.steps;
      if (b_.from_keylog(std::move(traffic), "CLIENT_EARLY_TRAFFIC_SECRET", "the early secret is unavailable"))
        traffic_keys("client_early_traffic_secret", false);
      return;
    }
    derive_secret(std::move(traffic), "early_secret", client_hello);
    b_.check_keylog("client_early_traffic_secret", "CLIENT_EARLY_TRAFFIC_SECRET");
    traffic_keys("client_early_traffic_secret", false);
    derive_secret(node("early_exporter_master_secret", {"early_secret"}, "e exp master"), "early_secret", client_hello);
    b_.check_keylog("early_exporter_master_secret", "EARLY_EXPORTER_SECRET");
  }

  // binder = HMAC(finished_key(binder_key), Transcript-Hash(Truncate(ClientHello))) (RFC 8446 §4.2.11.2).
  void binder(const ResumptionInput& r) {
    derive_secret(node("binder_key", {"early_secret"}, "res binder"), "early_secret", std::nullopt);
    ScheduleValue key = node("binder_finished_key", {"binder_key"}, "finished");
    key.value = hkdf_expand_label(suite_.digest, *b_.value("binder_key"), "finished", {}, zeros_.size());
    const Bytes finished_key = b_.recomputed(std::move(key));
    const auto client_hello = find_message(b_.messages(), kClientHello, Side::client);
    const Bytes& hello = b_.messages()[*client_hello].bytes;
    const Bytes truncated(hello.begin(), hello.begin() + static_cast<std::ptrdiff_t>(std::min(r.binder_offset, hello.size())));
    ScheduleValue v = node("binder", {"binder_finished_key"}, "");
    v.transcript_steps = {b_.messages()[*client_hello].step};
    v.carried_by_step = v.transcript_steps.front();
    v.note = "HMAC over the hash of the ClientHello up to its binders: it proves the client holds the PSK before "
             "the server uses it.";
    v.value = hmac(suite_.digest, finished_key, hash(suite_.digest, truncated));
    const Bytes expected = b_.recomputed(std::move(v));
    ScheduleCheck check;
    check.what = "binder (step " + std::to_string(b_.messages()[*client_hello].step) + ")";
    check.ok = !expected.empty() && expected == r.binder;
    check.detail = check.ok ? "The binder in the ClientHello's pre_shared_key equals the lab's recomputation from the ticket's PSK."
                            : "MISMATCH: the ClientHello carries " + hex(r.binder) + " but the lab computes " + hex(expected) + ".";
    b_.add_check(std::move(check));
  }

  // psk_ke: no key share in the ServerHello, so the (EC)DHE input is the 0 value (RFC 8446 §7.1).
  void psk_handshake_secret(const std::optional<Bytes>& shared_secret) {
    const bool dhe = hello_extension(b_.messages()[*server_hello_], kKeyShareExt).has_value();
    if (dhe) {
      if (shared_secret) return handshake_secret(shared_secret);
      ScheduleValue v = node("handshake_secret", {"early_derived_secret", "shared_secret"}, "");
      b_.unavailable(std::move(v), "psk_dhe_ke: this connection's fresh (EC)DHE shared secret is unavailable (see its "
                                   "key exchange), and HKDF cannot be run backwards");
      return;
    }
    ScheduleValue v = node("handshake_secret", {"early_derived_secret"}, "");
    if (b_.value("early_derived_secret") == nullptr) return b_.unavailable(std::move(v), "the early secret is unavailable");
    v.note = "psk_ke: no (EC)DHE ran, so Hash.length zero bytes stand in for its shared secret. Every key of this "
             "connection comes from the PSK alone: whoever learns the ticket's secret can decrypt it (no forward secrecy).";
    v.value = hkdf_extract(suite_.digest, *b_.value("early_derived_secret"), zeros_);
    b_.recomputed(std::move(v));
    derive_secret(node("handshake_derived_secret", {"handshake_secret"}, "derived"), "handshake_secret", std::nullopt);
  }

  void handshake_secret(const std::optional<Bytes>& shared_secret) {
    ScheduleValue v = node("handshake_secret", {"early_derived_secret", "shared_secret"}, "");
    if (!shared_secret || b_.value("early_derived_secret") == nullptr) {
      b_.unavailable(std::move(v), shared_secret ? "the early secret is unavailable"
                                                 : "the (EC)DHE shared secret is unavailable (its key exchange says why), and HKDF cannot be run "
                                                   "backwards from the key log");
      return;
    }
    ScheduleValue shared = node("shared_secret", {}, "");
    shared.value = *shared_secret;
    shared.note = "The (EC)DHE shared secret both sides computed from their own private key and the other's public key.";
    b_.from_input(std::move(shared));
    v.value = hkdf_extract(suite_.digest, *b_.value("early_derived_secret"), *shared_secret);
    b_.recomputed(std::move(v));
    derive_secret(node("handshake_derived_secret", {"handshake_secret"}, "derived"), "handshake_secret", std::nullopt);
  }

  void master_secret() {
    ScheduleValue v = node("master_secret", {"handshake_derived_secret"}, "");
    if (b_.value("handshake_derived_secret") == nullptr) {
      b_.unavailable(std::move(v), "the handshake secret is unavailable");
      return;
    }
    v.note = "HKDF-Extract(salt Derive-Secret(handshake_secret, \"derived\", \"\"), IKM 0).";
    v.value = hkdf_extract(suite_.digest, *b_.value("handshake_derived_secret"), zeros_);
    b_.recomputed(std::move(v));
  }

  // One traffic secret: recomputed from its parent when available, else from the key log; then its keys.
  void traffic(const TrafficSecret& t, std::optional<std::size_t> last, const char* reached_at) {
    const std::string parent = t.handshake ? "handshake_secret" : "master_secret";
    ScheduleValue v = node(t.name, {parent}, t.label);
    if (!last) {
      b_.unavailable(std::move(v), std::string("not reached: the run stopped before ") + reached_at);
      return;
    }
    if (b_.value(parent) != nullptr) {
      derive_secret(std::move(v), parent, last);
    } else {
      const TranscriptHash th = b_.transcript_hash(suite_.digest, last, true);
      v.transcript_steps = th.steps;
      v.note = th.note;
      if (!b_.from_keylog(std::move(v), t.keylog_label, "the " + parent + " it is derived from is unavailable")) return;
    }
    b_.check_keylog(t.name, t.keylog_label);
    if (std::string_view(t.name) != kExporter.name) traffic_keys(t.name, t.handshake);
  }

  // One generation per KeyUpdate the side sent (RFC 8446 §7.2): application_traffic_secret_N+1 =
  // HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length). OpenSSL's key
  // log stops at _0, so each later generation is the lab's recomputation alone.
  void key_updates(Side side, const std::string& prefix) {
    std::size_t generation = 0;
    for (const HandshakeMessage& m : b_.messages()) {
      if (m.type != kKeyUpdate || m.from != side) continue;
      const std::string parent = prefix + "application_traffic_secret_" + std::to_string(generation);
      const std::string name = prefix + "application_traffic_secret_" + std::to_string(++generation);
      ScheduleValue v = node(name, {parent}, "traffic upd");
      v.carried_by_step = m.step;
      if (b_.value(parent) == nullptr) {
        b_.unavailable(std::move(v), parent + " is unavailable");
        return;
      }
      v.note = "HKDF-Expand-Label(" + parent + ", \"traffic upd\", \"\", Hash.length) (RFC 8446 §7.2): in force for the " +
               prefix.substr(0, prefix.size() - 1) + "'s records after its KeyUpdate, sequence numbers from 0 again.";
      v.value = hkdf_expand_label(suite_.digest, *b_.value(parent), "traffic upd", {}, zeros_.size());
      b_.recomputed(std::move(v));
      check_updated_keylog(name, side == Side::client ? "CLIENT_TRAFFIC_SECRET_N" : "SERVER_TRAFFIC_SECRET_N", generation);
      traffic_keys(name, false);
    }
  }

  // OpenSSL 3.0 logs each updated secret under one label with a literal N (no generation
  // number, and not a label NSS or Wireshark know): a side's n-th such line is generation n.
  void check_updated_keylog(const std::string& name, const std::string& label, std::size_t generation) {
    const Bytes& ours = *b_.value(name);
    std::array<std::size_t, 2> seen{};
    for (const KeyLogEntry& line : b_.keylog()) {
      if (line.label != label || !line.side || *line.side == Side::attacker) continue;
      if (++seen[static_cast<std::size_t>(*line.side)] != generation) continue;
      const std::string who = side_name(*line.side);
      ScheduleCheck check;
      check.what = name + " = " + label + " #" + std::to_string(generation) + " (" + who + ")";
      check.ok = line.secret == ours;
      check.detail = check.ok ? "The lab's recomputation equals the updated secret the " + who + " logged."
                              : "MISMATCH: the " + who + " logged " + hex(line.secret) + " but the lab has " +
                                    hex(ours) + ".";
      b_.add_check(std::move(check));
    }
  }

  // RFC 8446 §7.3 traffic keys and §4.4.4 finished_key.
  void traffic_keys(const std::string& name, bool handshake) {
    const Bytes secret = *b_.value(name);
    ScheduleValue key = node(name + "_key", {name}, "key");
    key.value = hkdf_expand_label(suite_.digest, secret, "key", {}, suite_.key_len);
    b_.recomputed(std::move(key));
    ScheduleValue iv = node(name + "_iv", {name}, "iv");
    iv.value = hkdf_expand_label(suite_.digest, secret, "iv", {}, suite_.fixed_iv_len);
    b_.recomputed(std::move(iv));
    if (!handshake) return;
    const std::string& t_name = name;
    ScheduleValue finished = node(t_name + "_finished_key", {t_name}, "finished");
    finished.value = hkdf_expand_label(suite_.digest, secret, "finished", {}, zeros_.size());
    b_.recomputed(std::move(finished));
  }

  void resumption_secret() {
    ScheduleValue v = node("resumption_master_secret", {"master_secret"}, "res master");
    if (!client_finished_) {
      b_.unavailable(std::move(v), "not reached: the run stopped before the client's Finished");
      return;
    }
    if (b_.value("master_secret") == nullptr) {
      v.transcript_steps = b_.steps_up_to(*client_finished_);
      b_.unavailable(std::move(v), "the master secret is unavailable and the key log does not carry this secret");
      return;
    }
    derive_secret(std::move(v), "master_secret", client_finished_);
  }

  // verify_data = HMAC(finished_key, Transcript-Hash(messages before this Finished)) (RFC 8446 §4.4.4).
  void finished(std::optional<std::size_t> index, const TrafficSecret& t, const std::string& who) {
    const Bytes* key = b_.value(std::string(t.name) + "_finished_key");
    if (!index || key == nullptr || *index == 0) return;
    const TranscriptHash th = b_.transcript_hash(suite_.digest, *index - 1, true);
    ScheduleValue v = node(who + "_finished_verify_data", {std::string(t.name) + "_finished_key"}, "");
    v.transcript_steps = th.steps;
    v.carried_by_step = b_.messages()[*index].step;
    v.note = th.note;
    v.value = hmac(suite_.digest, *key, th.hash);
    const Bytes expected = b_.recomputed(std::move(v));
    b_.check_finished(*index, who, expected);
  }

  void finished_checks() {
    finished(server_finished_, kServerHandshake, "server");
    finished(client_finished_, kClientHandshake, "client");
  }

  ScheduleBuilder& b_;
  const SuiteCrypto& suite_;
  Bytes zeros_;  // Hash.length zero bytes: the "0" of the RFC's diagram
  std::optional<std::size_t> server_hello_, server_finished_, client_finished_;
};

}  // namespace

void build_tls13_schedule(ScheduleBuilder& builder, const SuiteCrypto& suite, const std::optional<Bytes>& shared_secret,
                          const ResumptionInput& resumption) {
  Tls13(builder, suite).build(shared_secret, resumption);
}

}  // namespace hl::crypto
