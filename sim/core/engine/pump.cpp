// The pump. Each round either moves one thing across the wire or reports that nothing can
// move; every loop is bounded, so a peer that misbehaves ends the run with a failure step.
#include "core/engine/pump.hpp"

#include <algorithm>

#include "core/engine/early_data.hpp"
#include "core/engine/names.hpp"
#include "core/model/record_layer.hpp"

namespace hl {
namespace {

constexpr std::size_t kMaxReadsPerDrive = 64;
constexpr std::size_t kReadBufferLen = 16384 + 256;

std::size_t record_len_at_front(const Bytes& pending) { return record::whole_record_len(pending.data(), pending.size()); }

const char* the(Side party) {
  static const char* const subjects[] = {"The client", "The server", "Mallory"};
  return subjects[static_cast<int>(party)];
}

const char* the_lower(Side party) {
  static const char* const subjects[] = {"the client", "the server", "Mallory"};
  return subjects[static_cast<int>(party)];
}

// In TLS 1.2 an ECDSA scheme's code is only the pair (hash, ecdsa) (RFC 5246 §7.4.1.4.1): the
// curve its TLS 1.3 name carries does not bind. Says so when the server's key is on another curve.
std::string tls12_ecdsa_curve_note(SSL* client, const Negotiated& n) {
  constexpr std::string_view kPrefix = "ecdsa_";
  if (n.version != "TLSv1.2" || !n.sigalg.starts_with("ecdsa_secp")) return {};
  X509* leaf = SSL_get0_peer_certificate(client);
  EVP_PKEY* key = leaf ? X509_get0_pubkey(leaf) : nullptr;
  char curve[64] = {0};
  std::size_t curve_len = 0;
  if (!key || EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof curve, &curve_len) != 1) return {};
  const std::string key_curve = std::string_view(curve) == "prime256v1" ? "secp256r1" : curve;
  const std::size_t hash_at = n.sigalg.rfind('_');
  const std::string named_curve = n.sigalg.substr(kPrefix.size(), hash_at - kPrefix.size());
  if (named_curve == key_curve) return {};
  return " In TLS 1.2 the curve in the name " + n.sigalg + " does not bind: its code is only the pair " +
         n.sigalg.substr(hash_at + 1) + " and ecdsa (RFC 5246 §7.4.1.4.1), here made with the server's " + key_curve +
         " key; only TLS 1.3 ties the scheme to its curve (RFC 8446 §4.2.3).";
}

}  // namespace

std::string negotiated_sentence(const Negotiated& n) {
  std::string text = "Both sides agreed on " + n.version + " with the cipher suite " + n.cipher;
  if (n.group.empty())
    text += n.resumed ? ", and no fresh key exchange: the keys come from the resumed session alone"
                      : ", a key exchange without an ephemeral group";
  else text += ", key exchange group " + n.group;
  if (!n.sigalg.empty()) text += " and signature scheme " + n.sigalg;
  text += ".";
  if (!n.alpn.empty()) text += " The application protocol (ALPN) is " + n.alpn + ".";
  if (n.resumed) text += " The session was resumed: no certificate was sent and nothing was signed.";
  if (n.early_data == "accepted") text += " The server accepted the client's 0-RTT early data.";
  if (n.early_data == "rejected") text += " The server declined the client's 0-RTT early data.";
  return text;
}

void append_step(Transcript& out, Step step, const std::string& protocol) {
  // The capture knows only the label; the pump knows which protocol's data a traffic secret protects.
  if (step.kind == StepKind::event && step.event == EventKind::secret) step.detail = names::secret_meaning(step.title, protocol);
  if (step.kind == StepKind::event && step.event == EventKind::secret &&
      std::find(out.keylog.begin(), out.keylog.end(), step.keylog_line) == out.keylog.end())
    out.keylog.push_back(step.keylog_line);
  if (step.kind == StepKind::event) {
    step.to = step.from;
    step.parts = {EventPart{step.event, step.title, step.detail, step.verify, step.keylog_line}};
  }
  if (!step.app_unit.empty()) step.protocol = protocol;
  out.steps.push_back(std::move(step));
}

std::string handshake_failure_reason(const Endpoint& side) {
  std::string reason = ossl::take_error("the handshake failed");
  const long verify = SSL_get_verify_result(side.ssl.get());
  if (side.side == Side::client && verify != X509_V_OK)
    reason += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
  const std::string& ocsp = side.capture.ocsp_status();
  if (side.side == Side::client && ocsp != "none" && ocsp != "good")
    reason += " (the stapled OCSP response is " + ocsp + ": the client refused it)";
  return reason;
}

void read_negotiated(SSL* client, Negotiated& out) {
  // The client's verdict on a staple stands even when the handshake stopped before a suite was in force.
  const SideCapture* capture = SideCapture::of(client);
  const std::string ocsp_status = capture ? capture->ocsp_status() : "none";
  const SSL_CIPHER* cipher = SSL_get_current_cipher(client);
  if (cipher == nullptr) return void(out.ocsp_status = ocsp_status);
  out = Negotiated{};  // a later connection of the run (resumed) replaces everything the first agreed on
  out.ocsp_status = ocsp_status;
  out.version = SSL_get_version(client);
  const char* standard = SSL_CIPHER_standard_name(cipher);
  out.cipher = standard ? standard : SSL_CIPHER_get_name(cipher);
  out.resumed = SSL_session_reused(client) == 1;
  out.group = names::group(SSL_get_negotiated_group(client));
  // OpenSSL names the session's group on a resumed connection even when no key exchange ran on
  // it (TLS 1.2 abbreviated, TLS 1.3 psk_ke): only a key share from the server means one did.
  EVP_PKEY* server_share = nullptr;
  if (out.resumed && SSL_get_peer_tmp_key(client, &server_share) != 1) out.group.clear();
  EVP_PKEY_free(server_share);
  int type_nid = NID_undef, digest_nid = NID_undef;
  // A resumed handshake signs nothing: OpenSSL would still name the first connection's scheme.
  if (!out.resumed && SSL_get_peer_signature_type_nid(client, &type_nid)) {
    SSL_get_peer_signature_nid(client, &digest_nid);
    out.sigalg = names::signature_scheme(type_nid, digest_nid);
    // OpenSSL gives rsa_pss_rsae_* and rsa_pss_pss_* one type NID; the leaf's key tells them
    // apart (RFC 8446 §4.2.3: _pss_ for an RSASSA-PSS key, _rsae_ for an rsaEncryption key).
    X509* leaf = SSL_get0_peer_certificate(client);
    EVP_PKEY* leaf_key = leaf ? X509_get0_pubkey(leaf) : nullptr;
    if (leaf_key && EVP_PKEY_is_a(leaf_key, "RSA-PSS") && out.sigalg.starts_with("rsa_pss_rsae_"))
      out.sigalg.replace(0, std::string_view("rsa_pss_rsae_").size(), "rsa_pss_pss_");
  }
  const unsigned char* alpn = nullptr;
  unsigned int alpn_len = 0;
  SSL_get0_alpn_selected(client, &alpn, &alpn_len);
  out.alpn.assign(reinterpret_cast<const char*>(alpn), alpn ? alpn_len : 0);
  out.early_data = early_data_status(client);
}

// ---- rounds ------------------------------------------------------------------------------

void Pump::run() {
  for (std::size_t round = 0; round < options_.max_rounds; ++round)
    if (!this->round()) return finish();
  stop_at_bound();
  finish();
}

bool Pump::round() { return stage_ == Stage::cleartext ? cleartext_round() : tls_round(); }

void Pump::stop_at_bound() {
  const char* stage = stage_ == Stage::cleartext ? "in the clear" : stage_ == Stage::handshake ? "in the handshake"
                                                                                               : "after the handshake";
  fail(client_, "The run was stopped after " + std::to_string(options_.max_rounds) + " rounds, " + stage + " after " +
                    std::to_string(out_.steps.size()) + " recorded events and records: the sides kept talking without finishing.");
}

// Before TLS: application units in the clear, until both peers expect the handshake.
bool Pump::cleartext_round() {
  if (client_.peer->wants_tls() && server_.peer->wants_tls()) {
    stage_ = Stage::handshake;
    std::string error;
    if (client_.early_data && !write_early_data(client_, error)) fail(client_, error);  // 0-RTT: ClientHello, then the request
    drive(client_);  // the server starts when the ClientHello reaches it, right before it answers
    return true;
  }
  const bool client_sent = send_clear(client_);
  const bool server_sent = send_clear(server_);
  return client_sent || server_sent;
}

// With TLS: lift one record, else move the stage on or write application units. The side
// that sent last keeps the turn while it has records, so a flight stays together on the
// wire (as it would: it was sent before the peer could answer).
bool Pump::tls_round() {
  Endpoint& first = *turn_;
  Endpoint& second = peer_of(first);
  if (lift_record(first)) return true;
  if (lift_record(second)) {
    turn_ = &second;
    return true;
  }
  if (held_) {  // nothing else moves: she lets the held record go now
    Endpoint& to = *held_->to;
    release_held();
    drive(to);
    return true;
  }
  if (client_.failed || server_.failed) return false;
  if (stage_ == Stage::handshake) {
    if (!SSL_is_init_finished(client_.ssl.get()) || !SSL_is_init_finished(server_.ssl.get())) return false;
    stage_ = Stage::application;
    ask_for_certificate(server_);
    return true;
  }
  const bool client_wrote = write_application(client_);
  const bool server_wrote = write_application(server_);
  return client_wrote || server_wrote || close_connection();
}

bool Pump::send_clear(Endpoint& from) {
  std::vector<AppUnit> units = from.peer->take_output();
  for (auto& unit : units) {
    Step step;
    step.kind = StepKind::app_line;
    step.from = from.side;
    step.to = peer_of(from).side;
    label(step);
    step.title = unit.title;
    step.protocol = protocol_;
    step.app_unit = unit.title;
    step.bytes = std::move(unit.bytes);
    const Delivery delivery = intervene(step);
    const Step passed = step;
    emit(std::move(step));
    if (delivery != Delivery::deliver) continue;  // a line is never held: only records are
    Endpoint& to = peer_of(from);
    to.peer->receive(passed.bytes);
    take_peer_notes(to);
    emit(to.capture.take_leading_events());
    inject_behind(passed, to);
  }
  return !units.empty();
}

// What Mallory sends right behind `passed`: each one recorded, then handed to the receiver.
void Pump::inject_behind(const Step& passed, Endpoint& to) {
  if (!options_.inject) return;
  for (Step& extra : options_.inject(passed)) {
    extra.to = to.side;  // a TLS role: emit() labels it with the party that plays it
    extra.by_attacker = true;
    const Bytes bytes = extra.bytes;
    const StepKind kind = extra.kind;
    emit(std::move(extra));
    hand_over(to, kind, bytes);
  }
}

// Bytes that reach a side: a line goes to its protocol peer while it talks in the clear;
// a record, or anything once the side expects TLS, goes into its TLS stack's input.
void Pump::hand_over(Endpoint& to, StepKind kind, const Bytes& bytes) {
  if (to.failed) return;
  if (kind == StepKind::app_line && !to.peer->wants_tls()) {
    to.peer->receive(bytes);
    take_peer_notes(to);
    emit(to.capture.take_leading_events());
    return;
  }
  const int written = BIO_write(to.inbox, bytes.data(), static_cast<int>(bytes.size()));
  if (written != static_cast<int>(bytes.size()))
    fail(to, std::string(the(party(to))) + " could not take the record in: " + ossl::take_error("the memory BIO refused it") + ".");
}

// A record Mallory held goes on once its sender has sent the next one (or nothing else moves).
bool Pump::release_held() {
  if (!held_) return false;
  Step late = std::move(held_->step);
  Endpoint& to = *held_->to;
  held_.reset();
  late.from = Side::attacker;
  late.to = to.side;
  late.by_attacker = true;
  late.title += " (held by Mallory, delivered late)";
  const Bytes bytes = late.bytes;
  emit(std::move(late));
  hand_over(to, StepKind::record, bytes);
  return true;
}

// What a protocol peer decided that put nothing on the wire: a note, or a refusal that fails the run.
void Pump::take_peer_notes(Endpoint& side) {
  for (PeerNote& note : side.peer->take_notes()) {
    if (note.refusal) {
      fail(side, note.detail);
      continue;
    }
    side.capture.add_event(EventKind::note, std::move(note.title), std::move(note.detail));
  }
}

// ---- records -----------------------------------------------------------------------------

bool Pump::lift_record(Endpoint& from) {
  const std::size_t record_len = record_len_at_front(from.pending);
  if (record_len == 0) return false;
  Bytes wire(from.pending.begin(), from.pending.begin() + static_cast<std::ptrdiff_t>(record_len));
  from.pending.erase(from.pending.begin(), from.pending.begin() + static_cast<std::ptrdiff_t>(record_len));

  LiftedRecord lifted = from.capture.take_record(std::move(wire));
  emit(std::move(lifted.before));
  label(lifted.record);
  Delivery delivery = intervene(lifted.record);
  Endpoint& to = peer_of(from);
  const bool release = held_ && held_->to == &to;  // she lets a held record go behind this one
  if (delivery == Delivery::delay && held_) delivery = Delivery::deliver;  // she holds one record at a time
  if (delivery == Delivery::delay) lifted.record.to = Side::attacker;
  const Step passed = lifted.record;
  emit(std::move(lifted.record));
  emit(std::move(lifted.after));
  if (delivery == Delivery::delay) {
    held_ = Held{&to, passed};
    return true;
  }
  if (delivery == Delivery::drop || to.failed) return true;
  hand_over(to, StepKind::record, passed.bytes);
  inject_behind(passed, to);
  if (release) release_held();
  drive(to);
  return true;
}

// Lets a side act on what it has received: continue the handshake or read application data.
void Pump::drive(Endpoint& side) {
  if (!side.failed && !SSL_is_init_finished(side.ssl.get())) drive_handshake(side);
  if (!side.failed && !side.closed && SSL_is_init_finished(side.ssl.get())) read_application(side);
  if (!side.failed && SSL_is_init_finished(side.ssl.get())) answer_key_update(side);
  if (!side.failed && SSL_is_init_finished(side.ssl.get())) answer_close(side);
  drain(side);
  emit(side.capture.take_leading_events());
}

void Pump::drive_handshake(Endpoint& side) {
  if (side.early_data && side.side == Side::server && !side.early_data_read) {
    std::string error;
    const EarlyRead early = read_early_data(side, read_buffer_, error);
    take_peer_notes(side);
    if (early == EarlyRead::failed) return fail(side, error);
    if (early == EarlyRead::waiting) return;
  }
  ERR_clear_error();
  const int result = SSL_do_handshake(side.ssl.get());
  if (result == 1) {
    if (side.side == Side::client) client_finished();
    return;
  }
  const int error = SSL_get_error(side.ssl.get(), result);
  if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) return;
  fail(side, std::string(the(party(side))) + " stopped the handshake: " + handshake_failure_reason(side) + ".");
}

void Pump::read_application(Endpoint& side) {
  Bytes& buffer = read_buffer_;
  buffer.resize(kReadBufferLen);
  for (std::size_t reads = 0; reads < kMaxReadsPerDrive; ++reads) {
    ERR_clear_error();
    const int read = SSL_read(side.ssl.get(), buffer.data(), static_cast<int>(buffer.size()));
    if (read > 0) {
      side.received_application_data = true;
      side.peer->receive(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(read)));
      take_peer_notes(side);
      continue;
    }
    const int error = SSL_get_error(side.ssl.get(), read);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE || error == SSL_ERROR_ZERO_RETURN) return;
    fail(side, std::string(the(party(side))) + " could not read application data: " +
                   ossl::take_error("the record was rejected") + ".");
    return;
  }
}

// Post-handshake authentication (RFC 8446 §4.6.2): once the handshake is done, the server sends
// a CertificateRequest; the client answers with Certificate, CertificateVerify and Finished when
// its SSL_read meets it, while the application data goes on around them.
void Pump::ask_for_certificate(Endpoint& side) {
  if (!side.asks_certificate_after_handshake || side.failed) return;
  side.asks_certificate_after_handshake = false;
  side.capture.add_event(EventKind::note, "asks for a client certificate",
                         "The handshake is over, and now the server asks the client to prove who it is: a "
                         "CertificateRequest with a fresh certificate_request_context, encrypted under the application "
                         "traffic keys (post-handshake authentication, RFC 8446 §4.6.2).");
  ERR_clear_error();
  if (SSL_verify_client_post_handshake(side.ssl.get()) != 1 || SSL_do_handshake(side.ssl.get()) != 1)
    return fail(side, std::string(the(party(side))) + " could not ask for a certificate after the handshake: " +
                          ossl::take_error("OpenSSL refused") + ".");
  drain(side);
  emit(side.capture.take_leading_events());
}

// KeyUpdate (RFC 8446 §4.6.3), once the peer's first application data has arrived: OpenSSL sends
// it ahead of the next SSL_write, and writes everything after under the next generation of keys.
// update_requested makes the peer answer with a KeyUpdate of its own and update its keys too.
void Pump::update_keys(Endpoint& side) {
  if (!side.updates_keys || !side.received_application_data || side.failed) return;
  side.updates_keys = false;
  side.capture.add_event(EventKind::note, "updates its keys",
                         "The first application data has crossed, and now " + std::string(the_lower(party(side))) +
                             " moves to the next generation of traffic keys: a KeyUpdate with update_requested, then "
                             "application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, \"traffic "
                             "upd\", \"\", Hash.length) (RFC 8446 §7.2), fresh key and IV, and the sequence number back "
                             "to 0. OpenSSL logs the new secret as SERVER_TRAFFIC_SECRET_N, with no generation number.");
  ERR_clear_error();
  if (SSL_key_update(side.ssl.get(), SSL_KEY_UPDATE_REQUESTED) != 1)
    fail(side, std::string(the(party(side))) + " could not update its keys: " + ossl::take_error("OpenSSL refused") + ".");
}

// A KeyUpdate with update_requested obliges an answer before the next application data (RFC 8446
// §4.6.3); OpenSSL keeps it for the next SSL_write, and the lab sends it now so that a side with
// nothing more to say still shows its next generation of keys. SSL_do_handshake alone does nothing
// once the handshake is over: SSL_key_update (the same update_not_requested) puts the side back in
// its state machine, which writes the one pending KeyUpdate.
void Pump::answer_key_update(Endpoint& side) {
  if (SSL_get_key_update_type(side.ssl.get()) == SSL_KEY_UPDATE_NONE) return;
  side.capture.add_event(EventKind::note, "answers the KeyUpdate",
                         std::string(the(party(side))) + " was asked to update its keys too: it sends a KeyUpdate with "
                             "update_not_requested under its old keys and writes everything after under "
                             "application_traffic_secret_N+1, sequence numbers from 0 (RFC 8446 §4.6.3, §7.2).");
  ERR_clear_error();
  if (SSL_key_update(side.ssl.get(), SSL_KEY_UPDATE_NOT_REQUESTED) != 1 || SSL_do_handshake(side.ssl.get()) != 1)
    fail(side, std::string(the(party(side))) + " could not answer the KeyUpdate: " + ossl::take_error("OpenSSL refused") + ".");
}

// One SSL_write per unit: each unit travels in its own record.
bool Pump::write_application(Endpoint& side) {
  if (side.failed) return false;
  std::vector<AppUnit> units = side.peer->take_output();
  if (!side.early_units.empty() && SSL_get_early_data_status(side.ssl.get()) == SSL_EARLY_DATA_REJECTED) {
    side.capture.add_event(EventKind::note, "sends the request again",
                           "The server declined the early data, so nothing the client sent before the handshake reached "
                           "its application. The client sends the same request again, now under its application "
                           "traffic keys, as OpenSSL leaves it to the application to do (SSL_get_early_data_status "
                           "says SSL_EARLY_DATA_REJECTED).");
    units.insert(units.begin(), side.early_units.begin(), side.early_units.end());
  }
  side.early_units.clear();
  if (!units.empty()) update_keys(side);
  for (const auto& unit : units) {
    if (unit.bytes.empty() || side.failed) continue;
    ERR_clear_error();
    if (SSL_write(side.ssl.get(), unit.bytes.data(), static_cast<int>(unit.bytes.size())) <= 0) {
      fail(side, std::string(the(party(side))) + " could not send application data: " +
                     ossl::take_error("the write failed") + ".");
      break;
    }
    side.capture.add_app_data(unit);
    last_writer_ = &side;
    drain(side);
  }
  return !units.empty();
}

void Pump::drain(Endpoint& side) {
  char chunk[4096];
  while (BIO_ctrl_pending(side.outbox) > 0) {
    const int read = BIO_read(side.outbox, chunk, sizeof chunk);
    if (read <= 0) return;
    side.pending.insert(side.pending.end(), chunk, chunk + read);
  }
}

// ---- outcomes ----------------------------------------------------------------------------

void Pump::client_finished() {
  if (negotiated_reported_) return;
  negotiated_reported_ = true;
  read_negotiated(client_.ssl.get(), negotiated());
  client_.capture.add_event(EventKind::negotiated, "negotiated",
                            negotiated_sentence(negotiated()) + tls12_ecdsa_curve_note(client_.ssl.get(), negotiated()));
}

void Pump::fail(Endpoint& side, const std::string& detail) {
  side.failed = true;
  side.capture.add_event(EventKind::failure, "failure", detail);
  if (out_.failure.empty()) out_.failure = detail;
}

void Pump::finish() {
  // The last things each side did, after its last record.
  emit(client_.capture.take_leading_events());
  emit(server_.capture.take_leading_events());
  const bool tls_attempted = stage_ != Stage::cleartext;
  // A cut stream leaves the reader's SSL in its error state, but only after the handshake was done.
  const bool complete = tls_attempted && !client_.failed && !server_.failed &&
                        (close_started_ || (SSL_is_init_finished(client_.ssl.get()) && SSL_is_init_finished(server_.ssl.get())));
  // A run's handshake is complete when every link's is: the primary link finishes first.
  out_.handshake_complete = complete && (link_.primary || out_.handshake_complete);
  if (tls_attempted) read_negotiated(client_.ssl.get(), negotiated());
  if (tls_attempted && !negotiated().version.empty()) {
    X509* client_certificate = SSL_get0_peer_certificate(server_.ssl.get());
    if (client_certificate != nullptr) negotiated().client_certificate = one_line_subject(client_certificate);
  }
  if (tls_attempted && !complete && out_.failure.empty())
    fail(client_, "The run stopped before the handshake finished: neither side had anything more to send.");
  const bool dialogue_over = client_.peer->finished() && server_.peer->finished();
  if (!dialogue_over && out_.failure.empty())
    fail(client_, "The run stopped with the conversation unfinished: each side was waiting for the other.");
  emit(client_.capture.take_leading_events());
}

// Capture names TLS roles; the link says who plays them on this connection.
void Pump::label(Step& step) const {
  auto party = [this](Side role) {
    if (role == Side::client) return link_.client_party;
    return role == Side::server ? link_.server_party : role;
  };
  step.from = party(step.from);
  step.to = party(step.to);
  step.connection = link_.connection;
}

void Pump::emit(Step step) {
  label(step);
  append_step(out_, std::move(step), protocol_);
}

void Pump::emit(std::vector<Step> steps) {
  for (auto& step : steps) emit(std::move(step));
}

}  // namespace hl
