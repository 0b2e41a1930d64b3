// Capture: turns OpenSSL's callbacks on one endpoint into a timeline of what that side
// did (events) and wrote (records and the plaintext that went into them), so the pump can
// title and explain each record it lifts off the wire and place events in order around it.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <openssl/ssl.h>

#include "core/model/transcript.hpp"
#include "core/protocols/peer.hpp"

namespace hl {

/// One thing a side reported, in the order OpenSSL reported it.
struct TimelineEntry {
  enum class Kind : std::uint8_t { event, record, content };
  Kind kind = Kind::event;
  Step event;                     // kind == event
  // kind == record: one record was written (its content entries follow it).
  std::uint16_t version = 0;      // 0x0303 / 0x0304 in force, 0 before negotiation
  bool has_inner = false;         // TLS 1.3 protected: carries an inner content type
  std::uint8_t inner_type = 0;
  bool encrypted = false;         // TLS 1.2: written after this side's ChangeCipherSpec
  std::size_t aead_tag_len = 16;  // TLS 1.3 tag length of the suite in force
  TrafficSecret protection = TrafficSecret::none;  // the secret this side was writing with
  // kind == content: plaintext handed to the record layer (a handshake message, alert, CCS, app unit).
  std::uint8_t content_type = 0;
  Bytes bytes;
  std::string title;                                // display only
  HandshakeType message = HandshakeType::hello_request;  // content_type == handshake: which message
  std::string app_unit;                             // application data: the protocol's name for the unit
};

/// What this side opened from the records it read since it was last asked (live mode, where the
/// peer is a real program with no capture of its own): the contents OpenSSL handed up, in order.
struct ReceivedContents {
  std::vector<TimelineEntry> contents;  // kind == content: handshake messages, alerts, ChangeCipherSpec
  bool has_inner = false;               // a TLS 1.3 protected record was opened
  std::uint8_t inner_type = 0;          // its inner content type
};

/// A record lifted off the wire, with the events that came before and after it on its side.
struct LiftedRecord {
  std::vector<Step> before;
  Step record;
  std::vector<Step> after;
};

/// Everything one endpoint reports while the pump drives it.
/// The subject of `cert` as one RFC 2253 line ("CN=www.example.com,O=..."); "(no certificate)" for null.
std::string one_line_subject(X509* cert);

class SideCapture {
 public:
  /// Not copyable: OpenSSL's callbacks hold its address.
  explicit SideCapture(Side side) : side_(side) {}
  SideCapture(const SideCapture&) = delete;
  SideCapture& operator=(const SideCapture&) = delete;

  /// Installs the SSL_CTX-wide callbacks (msg, keylog) on a context whose SSLs are attached.
  static void install(SSL_CTX* ctx);
  /// Points `ssl`'s callbacks (msg, info, verify) at this capture; a server's verify mode stays its context's.
  void attach(SSL* ssl);
  /// The capture attached to `ssl`, or nullptr.
  static SideCapture* of(const SSL* ssl);

  /// The client's verdict on a stapled OCSP response (ocsp_stapling.hpp): kept for ocsp_status()
  /// and told as an event.
  void report_ocsp(std::string status, std::string detail);
  /// That verdict ("good", "revoked", ...), or "none" when no staple was checked.
  const std::string& ocsp_status() const { return ocsp_status_; }

  /// Records an application unit just written with SSL_write (it follows its record).
  void add_app_data(const AppUnit& unit);
  /// Appends an event of this side to the timeline.
  void add_event(EventKind kind, std::string title, std::string detail);

  /// From now on also keeps what this side reads (take_received()); the engine's runs never need it.
  void keep_received() { keep_received_ = true; }
  /// What this side opened since the last call (see ReceivedContents), taken once.
  ReceivedContents take_received() { return std::exchange(received_, {}); }

  /// Removes and returns the events at the head of the timeline, up to the first written record.
  std::vector<Step> take_leading_events();
  /// Removes the next written record's entries and builds its step from the wire bytes `wire`
  /// (one whole record, header included).
  LiftedRecord take_record(Bytes wire);

  /// The endpoint this capture records.
  Side side() const { return side_; }
  /// This side's ephemeral private key, taken right after it last sent its key share.
  const CapturedKey& ephemeral_key() const { return ephemeral_key_; }
  /// Who this endpoint's event sentences name ("Mallory"), when not the client or server itself.
  void speak_as(const char* phrase) { phrase_ = phrase; }

 private:
  static void on_message(int write_p, int version, int content_type, const void* buf, std::size_t len, SSL* ssl,
                         void* arg);
  static void on_info(const SSL* ssl, int where, int ret);
  static void on_keylog(const SSL* ssl, const char* line);
  static int on_verify(int preverify_ok, X509_STORE_CTX* store);

  void record_written(SSL* ssl);
  void inner_type_written(std::uint8_t type);
  void content_written(SSL* ssl, int content_type, const std::uint8_t* data, std::size_t len);
  void content_received(int content_type, const std::uint8_t* data, std::size_t len);
  void alert(bool sent, const std::uint8_t* data, std::size_t len);
  void verify(int preverify_ok, X509_STORE_CTX* store);

  const char* side_phrase() const { return phrase_ ? phrase_ : side_ == Side::client ? "The client" : "The server"; }  // sentence start

  Side side_;
  const char* phrase_ = nullptr;
  std::deque<TimelineEntry> timeline_;
  bool pending_inner_ = false;
  std::uint8_t pending_inner_type_ = 0;
  bool encrypting_tls12_ = false;
  TrafficSecret write_secret_ = TrafficSecret::none;  // TLS 1.3: the latest secret of this side's direction
  CapturedKey ephemeral_key_;
  bool server_hello_seen_ = false;  // client: a ServerHello or HelloRetryRequest has arrived
  bool keep_received_ = false;
  ReceivedContents received_;
  bool started_ = false;
  bool done_ = false;
  std::string ocsp_status_ = "none";
};

}  // namespace hl
