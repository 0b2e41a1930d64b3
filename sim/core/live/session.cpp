// Session: the lab's endpoint and protocol peer against a real peer's byte stream. Mirrors the
// pump (core/engine/pump.cpp) with one endpoint instead of two: every loop is bounded, and a
// peer that sends nonsense ends its own connection with a failure step, never the process.
#include "core/live/session.hpp"

#include <algorithm>

#include "core/engine/capture.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/event_groups.hpp"
#include "core/engine/names.hpp"
#include "core/engine/pump.hpp"
#include "core/live/unit_title.hpp"
#include "core/model/record_layer.hpp"

namespace hl::live {
namespace {

using record::kApplicationData;
using record::kChangeCipherSpec;
using record::kHandshake;
using record::kHeaderLen;

constexpr std::size_t kMaxAdvanceRounds = 64;  // the lab's peer never has more than a few units queued
constexpr std::size_t kMaxReadsPerRecord = 64;
constexpr std::size_t kReadBufferLen = 16384 + 256;

const char* lab_phrase(Side side) { return side == Side::client ? "The lab's client" : "The lab's server"; }
const char* peer_phrase(Side lab) { return lab == Side::client ? "the real server" : "the real client"; }

std::string_view as_text(const Bytes& bytes) { return {reinterpret_cast<const char*>(bytes.data()), bytes.size()}; }

std::uint16_t version_of(const SSL* ssl) {
  const int version = SSL_version(ssl);
  return version == TLS1_2_VERSION || version == TLS1_3_VERSION ? static_cast<std::uint16_t>(version) : 0;
}

// The TLS 1.3 AEAD tag length of the suite in force: 8 for TLS_AES_128_CCM_8_SHA256, else 16.
std::size_t tag_len_of(const SSL* ssl) {
  const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl);
  return cipher != nullptr && (SSL_CIPHER_get_id(cipher) & 0xFFFF) == 0x1305 ? 8 : 16;
}

// Which secret protects what `sender` writes (RFC 8446 §7.1 for TLS 1.3, the key block's write keys for 1.2).
TrafficSecret peer_secret(Side sender, bool tls12, bool after_finished) {
  if (tls12) return sender == Side::client ? TrafficSecret::tls12_client_write : TrafficSecret::tls12_server_write;
  if (sender == Side::client) return after_finished ? TrafficSecret::client_application : TrafficSecret::client_handshake;
  return after_finished ? TrafficSecret::server_application : TrafficSecret::server_handshake;
}

}  // namespace

Session::Session(const Scenario& scenario, Side lab_side, std::shared_ptr<const ContextPair> contexts, const Limits& limits)
    : scenario_(scenario), limits_(limits), contexts_(std::move(contexts)), lab_(lab_side) {}

bool Session::start(std::string& out_error) {
  dialogue_ = make_dialogue(peer_config(scenario_));
  peer_ = lab_.side == Side::client ? dialogue_.client.get() : dialogue_.server.get();
  if (peer_ == nullptr) return out_error = "there is no application protocol called '" + scenario_.protocol + "'", false;
  lab_.capture.keep_received();
  if (!make_endpoint(scenario_, *contexts_, lab_, out_error)) return false;
  lab_.peer = peer_;
  out_.serial = next_run_serial();
  // Implicit TLS: the handshake comes first, and a greeting already queued goes inside it.
  if (peer_->wants_tls()) start_tls();
  advance();
  return true;
}

bool Session::handshake_finished() const { return lab_.ssl && SSL_is_init_finished(lab_.ssl.get()); }

Bytes Session::take_output() {
  lift_own_records();
  return std::exchange(to_send_, {});
}

// ---- what the lab says ---------------------------------------------------------------------

// Lets the lab's peer say all it has to say now, in the clear or inside TLS.
void Session::advance() {
  for (std::size_t round = 0; round < kMaxAdvanceRounds && !closing_; ++round) {
    bool moved = false;
    if (stage_ == Stage::cleartext) {
      // A server answers the upgrade in the clear, then switches; a client switches on that answer
      // and says what follows (EHLO again) inside TLS.
      if (lab_.side == Side::server) moved = send_clear();
      if (peer_->wants_tls()) start_tls(), moved = true;
      if (stage_ == Stage::cleartext && lab_.side == Side::client) moved = send_clear() || moved;
    } else {
      moved = write_application();
    }
    lift_own_records();
    if (peer_->finished()) close();
    if (!moved) break;
  }
  lift_own_records();
}

bool Session::send_clear() {
  std::vector<AppUnit> units = peer_->take_output();
  for (AppUnit& unit : units) {
    Step step;
    step.kind = StepKind::app_line;
    step.from = lab_.side;
    step.to = peer_side();
    step.title = unit.title;
    step.app_unit = unit.title;
    step.protocol = scenario_.protocol;
    to_send_.insert(to_send_.end(), unit.bytes.begin(), unit.bytes.end());
    step.bytes = std::move(unit.bytes);
    emit(std::move(step));
  }
  return !units.empty();
}

void Session::start_tls() {
  stage_ = Stage::tls;
  if (lab_.side == Side::client) drive();  // writes the ClientHello
  lift_own_records();
}

// One SSL_write per unit: each unit travels in its own record, as in a run.
bool Session::write_application() {
  if (lab_.failed || shutdown_sent_ || !handshake_finished()) return false;
  std::vector<AppUnit> units = peer_->take_output();
  for (const AppUnit& unit : units) {
    if (unit.bytes.empty()) continue;
    ERR_clear_error();
    if (SSL_write(lab_.ssl.get(), unit.bytes.data(), static_cast<int>(unit.bytes.size())) <= 0) {
      fail(std::string(lab_phrase(lab_.side)) + " could not send application data: " + ossl::take_error("the write failed") + ".");
      return false;
    }
    lab_.capture.add_app_data(unit);
    lift_own_records();
  }
  return !units.empty();
}

// Cuts what the lab's SSL wrote into records: each becomes a step (with the events around it) and goes out.
void Session::lift_own_records() {
  char chunk[4096];
  while (lab_.outbox != nullptr && BIO_ctrl_pending(lab_.outbox) > 0) {
    const int read = BIO_read(lab_.outbox, chunk, sizeof chunk);
    if (read <= 0) break;
    lab_.pending.insert(lab_.pending.end(), chunk, chunk + read);
  }
  for (std::size_t len = record::whole_record_len(lab_.pending.data(), lab_.pending.size()); len > 0;
       len = record::whole_record_len(lab_.pending.data(), lab_.pending.size())) {
    Bytes wire(lab_.pending.begin(), lab_.pending.begin() + static_cast<std::ptrdiff_t>(len));
    lab_.pending.erase(lab_.pending.begin(), lab_.pending.begin() + static_cast<std::ptrdiff_t>(len));
    to_send_.insert(to_send_.end(), wire.begin(), wire.end());
    LiftedRecord lifted = lab_.capture.take_record(std::move(wire));
    if (carries(lifted.record, HandshakeType::server_hello)) lab_wrote_server_hello_ = true;
    for (Step& step : lifted.before) emit(std::move(step));
    emit(std::move(lifted.record));
    for (Step& step : lifted.after) emit(std::move(step));
  }
  emit_lab_events();
}

// ---- what the peer says --------------------------------------------------------------------

void Session::receive(std::span<const std::uint8_t> bytes) {
  if (closing_) return;
  Bytes& inbox = stage_ == Stage::cleartext ? clear_in_ : tls_in_;
  inbox.insert(inbox.end(), bytes.begin(), bytes.end());
  if (stage_ == Stage::cleartext) receive_clear();
  if (stage_ == Stage::tls) receive_tls();
  advance();
}

// Whole units, as the lab's peer would cut them; what follows an upgrade is the peer's first TLS bytes.
void Session::receive_clear() {
  while (stage_ == Stage::cleartext && !closing_) {
    const std::size_t len = peer_->unit_len(as_text(clear_in_));
    if (len == 0) {
      if (clear_in_.size() > limits_.max_record_len)
        fail("The peer sent " + std::to_string(clear_in_.size()) + " bytes in the clear without ending a " +
             scenario_.protocol + " unit; the lab accepts at most " + std::to_string(limits_.max_record_len) + ".");
      return;
    }
    Bytes unit(clear_in_.begin(), clear_in_.begin() + static_cast<std::ptrdiff_t>(len));
    clear_in_.erase(clear_in_.begin(), clear_in_.begin() + static_cast<std::ptrdiff_t>(len));
    Step step;
    step.kind = StepKind::app_line;
    step.from = peer_side();
    step.to = lab_.side;
    step.title = unit_title(scenario_.protocol, peer_side(), unit);
    step.app_unit = step.title;
    step.protocol = scenario_.protocol;
    step.bytes = unit;
    emit(std::move(step));
    deliver(unit);
    advance();
  }
  if (stage_ != Stage::tls) return;
  tls_in_.insert(tls_in_.end(), clear_in_.begin(), clear_in_.end());
  clear_in_.clear();
}

void Session::receive_tls() {
  while (!closing_ && tls_in_.size() >= kHeaderLen) {
    const std::size_t payload_len = std::size_t{tls_in_[3]} << 8 | tls_in_[4];
    if (payload_len > limits_.max_record_len)
      return fail("The peer announced a record of " + std::to_string(payload_len) + " bytes; the lab accepts at most " +
                  std::to_string(limits_.max_record_len) + " (RFC 8446 §5.2 allows 2^14 + 256).");
    const std::size_t len = record::whole_record_len(tls_in_.data(), tls_in_.size());
    if (len == 0) return;
    Bytes wire(tls_in_.begin(), tls_in_.begin() + static_cast<std::ptrdiff_t>(len));
    tls_in_.erase(tls_in_.begin(), tls_in_.begin() + static_cast<std::ptrdiff_t>(len));
    open_record(std::move(wire));
  }
}

// Hands one whole record to the lab's SSL, then records it with what the SSL opened it to.
void Session::open_record(Bytes wire) {
  if (BIO_write(lab_.inbox, wire.data(), static_cast<int>(wire.size())) != static_cast<int>(wire.size()))
    return fail(std::string(lab_phrase(lab_.side)) + " could not take the record in: " +
                ossl::take_error("the memory BIO refused it") + ".");
  const Bytes app_data = drive();
  emit(peer_record(std::move(wire), app_data));
  lift_own_records();
  app_in_.append(app_data.begin(), app_data.end());
  for (std::size_t len = peer_->unit_len(app_in_); len > 0 && !app_in_.empty(); len = peer_->unit_len(app_in_)) {
    const std::string unit = app_in_.substr(0, len);
    app_in_.erase(0, len);
    deliver({reinterpret_cast<const std::uint8_t*>(unit.data()), unit.size()});
    advance();  // answer before the next record: a client may send its close_notify right behind a request
  }
  if (app_in_.size() > limits_.max_record_len)
    fail("The peer sent " + std::to_string(app_in_.size()) + " bytes of application data without ending a " +
         scenario_.protocol + " unit; the lab accepts at most " + std::to_string(limits_.max_record_len) + ".");
}

// Lets the lab's SSL act on what it holds: continue the handshake, then read application data.
Bytes Session::drive() {
  Bytes app_data;
  SSL* ssl = lab_.ssl.get();
  if (!lab_.failed && !SSL_is_init_finished(ssl)) drive_handshake();
  if (!lab_.failed && SSL_is_init_finished(ssl)) read_application(app_data);
  return app_data;
}

void Session::drive_handshake() {
  ERR_clear_error();
  const int result = SSL_do_handshake(lab_.ssl.get());
  if (result == 1) return handshake_finished_now();
  const int error = SSL_get_error(lab_.ssl.get(), result);
  if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) return;
  fail(std::string(lab_phrase(lab_.side)) + " stopped the handshake: " + handshake_failure_reason(lab_) + ".");
}

void Session::read_application(Bytes& out_data) {
  Bytes buffer(kReadBufferLen);
  for (std::size_t reads = 0; reads < kMaxReadsPerRecord; ++reads) {
    ERR_clear_error();
    const int read = SSL_read(lab_.ssl.get(), buffer.data(), static_cast<int>(buffer.size()));
    if (read > 0) {
      out_data.insert(out_data.end(), buffer.begin(), buffer.begin() + read);
      continue;
    }
    const int error = SSL_get_error(lab_.ssl.get(), read);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) return;
    if (error == SSL_ERROR_ZERO_RETURN) return close();  // the peer's close_notify: answer it and hang up
    return fail(std::string(lab_phrase(lab_.side)) + " could not read application data: " +
                ossl::take_error("the record was rejected") + ".");
  }
}

// The peer's record as a step: its wire bytes and, when protected, the plaintext the lab's SSL opened.
Step Session::peer_record(Bytes wire, const Bytes& app_data) {
  ReceivedContents got = lab_.capture.take_received();
  SSL* ssl = lab_.ssl.get();
  Step step;
  step.kind = StepKind::record;
  step.from = peer_side();
  step.to = lab_.side;
  step.content_type = step.inner_type = wire[0];
  // The real server knew the version when it wrote; the real client once the lab's ServerHello was out.
  step.version = lab_.side == Side::client || lab_wrote_server_hello_ ? version_of(ssl) : 0;
  Bytes content;
  for (const TimelineEntry& entry : got.contents) {
    content.insert(content.end(), entry.bytes.begin(), entry.bytes.end());
    if (entry.content_type == kHandshake) step.messages.push_back(entry.message);
    step.title += (step.title.empty() ? "" : ", ") + entry.title;
  }
  if (!app_data.empty()) {
    content.insert(content.end(), app_data.begin(), app_data.end());
    step.app_unit = unit_title(scenario_.protocol, peer_side(), app_data);
    step.title += (step.title.empty() ? "" : ", ") + std::string("Application Data (") + step.app_unit + ")";
  }
  if (step.title.empty()) step.title = names::record_type(step.content_type);
  const bool tls12 = SSL_version(ssl) == TLS1_2_VERSION;
  if (got.has_inner && step.content_type == kApplicationData) {
    // TLSInnerPlaintext: content, the real type, then the zero padding up to the tag.
    step.is_protected = true;
    step.inner_type = got.inner_type;
    step.protection = peer_secret(step.from, false, peer_finished_seen_);
    step.plaintext = std::move(content);
    step.plaintext.push_back(got.inner_type);
    const std::size_t used = step.plaintext.size() + tag_len_of(ssl) + kHeaderLen;
    if (wire.size() > used) step.plaintext.resize(step.plaintext.size() + (wire.size() - used), 0);
  } else if (peer_encrypting_) {
    step.is_protected = true;
    step.protection = peer_secret(step.from, true, true);
    step.plaintext = std::move(content);
  }
  if (carries(step, HandshakeType::finished)) peer_finished_seen_ = true;
  // OpenSSL does not report a received ChangeCipherSpec to the message callback: the wire says it.
  if (step.content_type == kChangeCipherSpec && tls12) peer_encrypting_ = true;
  step.bytes = std::move(wire);
  return step;
}

void Session::deliver(std::span<const std::uint8_t> unit) {
  peer_->receive(unit);
  for (PeerNote& peer_note : peer_->take_notes()) {
    if (peer_note.refusal) {
      fail(peer_note.detail);
      continue;
    }
    note(std::move(peer_note.title), std::move(peer_note.detail));
  }
}

// ---- endings -------------------------------------------------------------------------------

void Session::handshake_finished_now() {
  if (negotiated_reported_) return;
  negotiated_reported_ = true;
  read_negotiated(lab_.ssl.get(), out_.negotiated);
  lab_.capture.add_event(EventKind::negotiated, "negotiated", negotiated_sentence(out_.negotiated));
}

void Session::note(std::string title, std::string detail) {
  lab_.capture.add_event(EventKind::note, std::move(title), std::move(detail));
  emit_lab_events();
}

void Session::fail(const std::string& detail) {
  if (lab_.failed) return;
  lab_.failed = true;
  lab_.capture.add_event(EventKind::failure, "failure", detail);
  if (out_.failure.empty()) out_.failure = detail;
  close();
}

// Says goodbye the TLS way when the handshake is done (close_notify), then lets the socket loop
// hang up. What the SSL wrote is lifted by the caller, after the step that led here.
void Session::close() {
  if (closing_) return;
  if (stage_ == Stage::tls && !lab_.failed && !shutdown_sent_ && handshake_finished()) {
    shutdown_sent_ = true;
    ERR_clear_error();
    SSL_shutdown(lab_.ssl.get());
  }
  closing_ = true;
}

void Session::peer_closed() {
  if (closing_) return;
  if (stage_ == Stage::tls && !handshake_finished())
    return fail("The connection ended before the handshake finished: " + std::string(peer_phrase(lab_.side)) +
                " closed it.");
  note("peer hung up", "The connection was closed by " + std::string(peer_phrase(lab_.side)) + ".");
  closing_ = true;
}

void Session::stop(const std::string& why) {
  if (closing_) return note("stopped", why);  // it had said goodbye already: the peer did not take it
  fail(why);
}

Transcript Session::finish() {
  lift_own_records();
  const bool tls_attempted = stage_ != Stage::cleartext;
  out_.handshake_complete = tls_attempted && !lab_.failed && handshake_finished();
  if (tls_attempted && lab_.ssl) read_negotiated(lab_.ssl.get(), out_.negotiated);
  // Serving with client-cert=on: whom the real client proved to be, as an in-process run says.
  if (tls_attempted && lab_.ssl && SSL_is_server(lab_.ssl.get()) == 1) {
    if (X509* peer = SSL_get0_peer_certificate(lab_.ssl.get())) out_.negotiated.client_certificate = one_line_subject(peer);
  }
  if (expects_tls() && !out_.handshake_complete && out_.failure.empty()) {
    out_.failure = tls_attempted ? "The connection ended before the handshake finished."
                                 : "The connection ended before TLS started.";
    lab_.capture.add_event(EventKind::failure, "failure", out_.failure);
    emit_lab_events();
  }
  group_events(out_);
  stage_ = Stage::closed;
  return std::move(out_);
}

void Session::emit(Step step) {
  step.connection = 1;
  append_step(out_, std::move(step), scenario_.protocol);
}

void Session::emit_lab_events() {
  for (Step& step : lab_.capture.take_leading_events()) emit(std::move(step));
}

}  // namespace hl::live
