// SideCapture: OpenSSL callbacks -> timeline; timeline + wire bytes -> record steps.
#include "core/engine/capture.hpp"

#include <algorithm>
#include <cstring>

#include <openssl/x509v3.h>

#include "core/engine/key_capture.hpp"
#include "core/engine/names.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/names.hpp"

namespace hl {
namespace {

using record::kAlert;
using record::kApplicationData;
using record::kChangeCipherSpec;
using record::kHandshake;
using record::kHeaderLen;

SideCapture* capture_of(const SSL* ssl) { return static_cast<SideCapture*>(SSL_get_app_data(ssl)); }

// The server knows the version before it writes anything (it chose it from the
// ClientHello); the client once it has read a ServerHello (or HelloRetryRequest).
std::uint16_t version_in_force(const SSL* ssl, bool server_hello_seen) {
  if (!SSL_is_server(ssl) && !server_hello_seen) return 0;
  const int version = SSL_version(ssl);
  return version == TLS1_2_VERSION || version == TLS1_3_VERSION ? static_cast<std::uint16_t>(version) : 0;
}

std::string content_title(int content_type, const std::uint8_t* data, std::size_t len) {
  if (len == 0) return names::record_type(static_cast<std::uint8_t>(content_type));
  if (content_type == kHandshake)
    return names::handshake_type(static_cast<std::uint8_t>(wire::handshake_type_of({data, len})));
  if (content_type == kAlert && len >= 2) return "Alert: " + names::alert_description(data[1]);
  return names::record_type(static_cast<std::uint8_t>(content_type));
}

// The checker is the client (the server's chain) or the server (the client's chain, mutual TLS).
const char* depth_role(int depth, X509* cert, Side checker) {
  const bool client = checker == Side::client;
  if (depth == 0) return client ? "the server's own certificate" : "the client's own certificate";
  if (cert != nullptr && X509_check_issued(cert, cert) == X509_V_OK)
    return client ? "the root CA the client trusts" : "the root CA the server trusts for clients";
  return "an intermediate CA";
}

// One piece of plaintext handed to or up from the record layer: its type, bytes, title and message.
TimelineEntry content_entry(int content_type, const std::uint8_t* data, std::size_t len) {
  TimelineEntry entry;
  entry.kind = TimelineEntry::Kind::content;
  entry.content_type = static_cast<std::uint8_t>(content_type);
  entry.bytes.assign(data, data + len);
  entry.title = content_title(content_type, data, len);
  if (content_type == kHandshake) entry.message = wire::handshake_type_of({data, len});
  return entry;
}

// Display only: the titles of what a record carried, joined.
std::string joined_titles(const std::vector<TimelineEntry>& contents) {
  std::string title;
  for (const auto& content : contents) title += (title.empty() ? "" : ", ") + content.title;
  return title;
}

// Which secret a side's key log label is: only the sending direction's secrets change what
// this side writes with (RFC 8446 §7.1).
struct WriteSecretRow {
  Side side;
  const char* label;
  TrafficSecret secret;
};
constexpr WriteSecretRow kWriteSecrets[] = {
    {Side::client, "CLIENT_EARLY_TRAFFIC_SECRET", TrafficSecret::client_early},
    {Side::client, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", TrafficSecret::client_handshake},
    {Side::client, "CLIENT_TRAFFIC_SECRET_0", TrafficSecret::client_application},
    {Side::server, "SERVER_HANDSHAKE_TRAFFIC_SECRET", TrafficSecret::server_handshake},
    {Side::server, "SERVER_TRAFFIC_SECRET_0", TrafficSecret::server_application},
};

const WriteSecretRow* write_secret_of(Side side, const std::string& label) {
  for (const auto& row : kWriteSecrets)
    if (row.side == side && label == row.label) return &row;
  return nullptr;
}

}  // namespace

std::string one_line_subject(X509* cert) {
  if (cert == nullptr) return "(no certificate)";
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return "(subject not printable: out of memory)";
  X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* text = nullptr;
  long text_len = BIO_get_mem_data(bio, &text);
  std::string subject(text, static_cast<std::size_t>(text_len));
  BIO_free(bio);
  return subject;
}

// ---- installing the callbacks ------------------------------------------------------------

void SideCapture::install(SSL_CTX* ctx) {
  SSL_CTX_set_msg_callback(ctx, &SideCapture::on_message);
  SSL_CTX_set_keylog_callback(ctx, &SideCapture::on_keylog);
}

void SideCapture::attach(SSL* ssl) {
  SSL_set_app_data(ssl, this);
  SSL_set_msg_callback_arg(ssl, this);
  SSL_set_info_callback(ssl, &SideCapture::on_info);
  if (side_ == Side::client) SSL_set_verify(ssl, SSL_VERIFY_PEER, &SideCapture::on_verify);
  // The server checks a chain only when its context asks for a client certificate (mutual TLS).
  if (side_ == Side::server) SSL_set_verify(ssl, SSL_get_verify_mode(ssl), &SideCapture::on_verify);
}

SideCapture* SideCapture::of(const SSL* ssl) { return capture_of(ssl); }

// ---- callbacks ---------------------------------------------------------------------------

void SideCapture::on_message(int write_p, int, int content_type, const void* buf, std::size_t len, SSL* ssl,
                             void* arg) {
  auto* self = static_cast<SideCapture*>(arg);
  if (self == nullptr) return;
  const auto* data = static_cast<const std::uint8_t*>(buf);
  if (!write_p && self->keep_received_) self->content_received(content_type, data, len);
  if (content_type == SSL3_RT_HEADER) {
    if (write_p) self->record_written(ssl);
    return;
  }
  if (content_type == SSL3_RT_INNER_CONTENT_TYPE) {
    if (write_p && len == 1) self->inner_type_written(data[0]);
    return;
  }
  if (!write_p && content_type == kHandshake && len > 0 && data[0] == 2) self->server_hello_seen_ = true;
  if (content_type == kAlert) self->alert(write_p != 0, data, len);
  if (write_p && len > 0 && content_type >= kChangeCipherSpec && content_type <= kHandshake)
    self->content_written(ssl, content_type, data, len);
}

void SideCapture::on_info(const SSL* ssl, int where, int) {
  SideCapture* self = capture_of(ssl);
  if (self == nullptr) return;
  if ((where & SSL_CB_HANDSHAKE_START) && !self->started_) {
    self->started_ = true;
    self->add_event(EventKind::state, "handshake starts",
                    self->side_ == Side::client
                        ? std::string(self->side_phrase()) + " starts a TLS handshake: it will send its ClientHello."
                        : std::string(self->side_phrase()) + " starts a TLS handshake: it waits for the client's ClientHello.");
  }
  // 0-RTT: OpenSSL reports HANDSHAKE_DONE when a side enters its early-data state (the client
  // after its ClientHello, the server after its Finished) and again at the real end; only that counts.
  if ((where & SSL_CB_HANDSHAKE_DONE) && SSL_get_state(ssl) == TLS_ST_EARLY_DATA) return;
  if ((where & SSL_CB_HANDSHAKE_DONE) && !self->done_) {
    self->done_ = true;
    self->add_event(EventKind::handshake_done, "handshake complete",
                    std::string(self->side_phrase()) +
                        " has finished the handshake: from now on its application data is protected with the traffic keys.");
  }
}

void SideCapture::on_keylog(const SSL* ssl, const char* line) {
  SideCapture* self = capture_of(ssl);
  if (self == nullptr || line == nullptr) return;
  std::string text(line);
  std::string label = text.substr(0, text.find(' '));
  // OpenSSL logs a secret when it switches to it, so the latest own-direction one protects what follows.
  if (const auto* row = write_secret_of(self->side_, label)) self->write_secret_ = row->secret;
  TimelineEntry entry;
  entry.kind = TimelineEntry::Kind::event;
  entry.event.kind = StepKind::event;
  entry.event.from = self->side_;
  entry.event.event = EventKind::secret;
  entry.event.title = label;
  entry.event.detail = names::secret_meaning(label);
  entry.event.keylog_line = text;
  self->timeline_.push_back(std::move(entry));
}

int SideCapture::on_verify(int preverify_ok, X509_STORE_CTX* store) {
  SSL* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  SideCapture* self = ssl ? capture_of(ssl) : nullptr;
  if (self != nullptr) self->verify(preverify_ok, store);
  return preverify_ok;  // report only: OpenSSL's verdict stands
}

// ---- what the callbacks record -------------------------------------------------------------

void SideCapture::record_written(SSL* ssl) {
  TimelineEntry entry;
  entry.kind = TimelineEntry::Kind::record;
  entry.version = version_in_force(ssl, server_hello_seen_);
  entry.has_inner = pending_inner_;
  entry.inner_type = pending_inner_type_;
  entry.encrypted = encrypting_tls12_;
  entry.protection = encrypting_tls12_ ? (side_ == Side::client ? TrafficSecret::tls12_client_write
                                                                : TrafficSecret::tls12_server_write)
                                       : write_secret_;
  const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl);
  const bool ccm8 = cipher != nullptr && (SSL_CIPHER_get_id(cipher) & 0xFFFF) == 0x1305;
  entry.aead_tag_len = ccm8 ? 8 : 16;
  pending_inner_ = false;
  timeline_.push_back(std::move(entry));
}

// OpenSSL may report the inner type just before or just after the record header.
void SideCapture::inner_type_written(std::uint8_t type) {
  if (!timeline_.empty() && timeline_.back().kind == TimelineEntry::Kind::record && !timeline_.back().has_inner) {
    timeline_.back().has_inner = true;
    timeline_.back().inner_type = type;
    return;
  }
  pending_inner_ = true;
  pending_inner_type_ = type;
}

void SideCapture::content_written(SSL* ssl, int content_type, const std::uint8_t* data, std::size_t len) {
  TimelineEntry entry = content_entry(content_type, data, len);
  const bool retry = content_type == kHandshake && entry.message == HandshakeType::hello_retry_request;
  // OpenSSL keeps the key behind a share only for a while (a TLS 1.2 server frees it on the
  // ClientKeyExchange), so take it the moment the message carrying its public half is out.
  if (content_type == kHandshake && carries_own_key_share(side_, entry.message))
    ephemeral_key_ = ephemeral_key_after(ssl, entry.message);
  timeline_.push_back(std::move(entry));
  if (retry)
    add_event(EventKind::note, "asks for another key share",
              "The server accepts none of the key shares the client offered. With this HelloRetryRequest it names "
              "the group it wants, and the client must send a new ClientHello with a key share for it.");
  // TLS 1.2: everything this side writes after its ChangeCipherSpec is encrypted.
  if (content_type == kChangeCipherSpec && SSL_version(ssl) == TLS1_2_VERSION) encrypting_tls12_ = true;
}

void SideCapture::content_received(int content_type, const std::uint8_t* data, std::size_t len) {
  if (content_type == SSL3_RT_INNER_CONTENT_TYPE && len == 1) {
    received_.has_inner = true;
    received_.inner_type = data[0];
    return;
  }
  if (content_type < kChangeCipherSpec || content_type > kHandshake || len == 0) return;
  received_.contents.push_back(content_entry(content_type, data, len));
}

void SideCapture::add_app_data(const AppUnit& unit) {
  TimelineEntry entry;
  entry.kind = TimelineEntry::Kind::content;
  entry.content_type = kApplicationData;
  entry.bytes = unit.bytes;
  entry.title = "Application Data (" + unit.title + ")";
  entry.app_unit = unit.title;
  timeline_.push_back(std::move(entry));
}

void SideCapture::alert(bool sent, const std::uint8_t* data, std::size_t len) {
  if (len < 2) return;
  const std::string name = names::alert_description(data[1]);
  const bool fatal = data[0] == 2;
  if (sent) {
    add_event(EventKind::alert_sent, "sent alert: " + name,
              std::string(side_phrase()) + " sent " + (fatal ? "a fatal" : "a warning") + " alert '" + name + "'" +
                  (fatal ? ": it gives up on this connection." : "."));
    return;
  }
  add_event(EventKind::alert_received, "received alert: " + name,
            std::string(side_phrase()) + " received " + (fatal ? "a fatal" : "a warning") + " alert '" + name +
                "' from its peer" + (fatal ? ": the connection is over." : "."));
}

void SideCapture::verify(int preverify_ok, X509_STORE_CTX* store) {
  X509* cert = X509_STORE_CTX_get_current_cert(store);
  VerifyResult result;
  result.depth = X509_STORE_CTX_get_error_depth(store);
  result.subject = one_line_subject(cert);
  result.ok = preverify_ok != 0;
  result.error = result.ok ? 0 : X509_STORE_CTX_get_error(store);
  result.error_text = result.ok ? "ok" : X509_verify_cert_error_string(result.error);
  result.error_name = names::x509_error(result.error);
  std::string detail = std::string(side_phrase()) + " checked " + result.subject + " (depth " + std::to_string(result.depth) + ", " +
                       depth_role(result.depth, cert, side_) + "): ";
  detail += result.ok ? "it passed."
                      : "it failed with error " + std::to_string(result.error) + ", " + result.error_name + " (" +
                            result.error_text + ").";
  if (result.depth == 0) detail += std::string(" ") + names::chain_check_order(side_);  // checked last: say why
  add_event(EventKind::verify, "verify depth " + std::to_string(result.depth), detail);
  timeline_.back().event.verify = std::move(result);
}

void SideCapture::report_ocsp(std::string status, std::string detail) {
  add_event(EventKind::note, "checks the OCSP staple: " + status, std::move(detail));
  ocsp_status_ = std::move(status);
}

void SideCapture::add_event(EventKind kind, std::string title, std::string detail) {
  TimelineEntry entry;
  entry.kind = TimelineEntry::Kind::event;
  entry.event.kind = StepKind::event;
  entry.event.from = side_;
  entry.event.event = kind;
  entry.event.title = std::move(title);
  entry.event.detail = std::move(detail);
  timeline_.push_back(std::move(entry));
}

// ---- lifting -------------------------------------------------------------------------------

std::vector<Step> SideCapture::take_leading_events() {
  std::vector<Step> events;
  while (!timeline_.empty() && timeline_.front().kind != TimelineEntry::Kind::record) {
    if (timeline_.front().kind == TimelineEntry::Kind::event) events.push_back(std::move(timeline_.front().event));
    timeline_.pop_front();
  }
  return events;
}

namespace {

// Builds a record step from its wire bytes, the marker OpenSSL reported when writing it
// and the plaintext units it carried.
Step record_step(Side from, Bytes wire, const TimelineEntry& marker, const std::vector<TimelineEntry>& contents) {
  Step record;
  record.kind = StepKind::record;
  record.from = from;
  record.to = from == Side::client ? Side::server : Side::client;
  record.version = marker.version;
  const std::uint8_t wire_type = wire.empty() ? 0 : wire[0];
  const std::size_t payload_len = wire.size() >= kHeaderLen ? wire.size() - kHeaderLen : 0;
  Bytes content;
  for (const auto& entry : contents) {
    content.insert(content.end(), entry.bytes.begin(), entry.bytes.end());
    if (entry.content_type == kHandshake) record.messages.push_back(entry.message);
    if (!entry.app_unit.empty()) record.app_unit = entry.app_unit;
  }
  record.title = contents.empty() ? names::record_type(wire_type) : joined_titles(contents);
  record.content_type = wire_type;
  record.inner_type = wire_type;
  record.bytes = std::move(wire);
  if (wire_type == kApplicationData && marker.has_inner) {
    // TLS 1.3 TLSInnerPlaintext: content, the real type, then zero padding up to the tag.
    record.is_protected = true;
    record.protection = marker.protection;
    record.inner_type = marker.inner_type;
    record.plaintext = std::move(content);
    record.plaintext.push_back(marker.inner_type);
    const std::size_t used = record.plaintext.size() + marker.aead_tag_len;
    if (payload_len > used) record.plaintext.resize(record.plaintext.size() + (payload_len - used), 0);
  } else if (marker.encrypted) {
    record.is_protected = true;
    record.protection = marker.protection;
    record.plaintext = std::move(content);
  }
  return record;
}

}  // namespace

LiftedRecord SideCapture::take_record(Bytes wire) {
  LiftedRecord lifted;
  lifted.before = take_leading_events();
  TimelineEntry marker;  // stays default if OpenSSL reported no header (never expected)
  if (!timeline_.empty()) {
    marker = std::move(timeline_.front());
    timeline_.pop_front();
  }
  // What follows the marker up to the next one belongs to this record.
  std::vector<TimelineEntry> contents;
  while (!timeline_.empty() && timeline_.front().kind != TimelineEntry::Kind::record) {
    TimelineEntry& entry = timeline_.front();
    if (entry.kind == TimelineEntry::Kind::event) lifted.after.push_back(std::move(entry.event));
    if (entry.kind == TimelineEntry::Kind::content) contents.push_back(std::move(entry));
    timeline_.pop_front();
  }
  lifted.record = record_step(side_, std::move(wire), marker, contents);
  return lifted;
}

}  // namespace hl
