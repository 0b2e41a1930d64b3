// One live connection, without the socket: the lab plays one side of a lesson (its OpenSSL
// endpoint behind memory BIOs, its protocol peer) against bytes that arrive from a real program,
// and records a Transcript as a lesson run would. The lab's own records and events come from its
// capture; the peer's records are cut from the byte stream and opened with what the lab's SSL
// reported reading them (the lab holds its own side's secrets), so they decode like a run's.
// The socket loop (server.hpp, client.hpp) only moves bytes and watches the clock.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "core/engine/endpoint.hpp"
#include "core/live/limits.hpp"
#include "core/model/transcript.hpp"
#include "core/protocols/peer.hpp"

namespace hl::live {

/// The lab's side of one real connection. Not movable: OpenSSL's callbacks point into it.
class Session {
 public:
  /// The lab plays `lab_side` of `scenario` with the SSL_CTX of that role in `contexts`.
  Session(const Scenario& scenario, Side lab_side, std::shared_ptr<const ContextPair> contexts, const Limits& limits);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Builds the lab's SSL and protocol peer and lets it speak first (a greeting, a ClientHello).
  /// False, with one sentence in out_error, when OpenSSL refuses the scenario.
  [[nodiscard]] bool start(std::string& out_error);
  /// Bytes that arrived from the peer, in order, in any pieces.
  void receive(std::span<const std::uint8_t> bytes);
  /// Removes and returns what the lab wants sent to the peer, in order (with the steps it makes recorded).
  Bytes take_output();
  /// True when the lab has nothing more to say or wait for (finished, failed or stopped):
  /// send what take_output() gives, then close.
  bool done() const { return closing_; }
  /// True once the lab's side has finished the TLS handshake.
  bool handshake_finished() const;
  /// True while the lesson expects a TLS handshake that has not finished (false on a plaintext port).
  bool handshake_pending() const { return expects_tls() && !handshake_finished(); }
  /// The peer closed the connection (end of stream or reset).
  void peer_closed();
  /// Ends the connection because a bound ran out; `why` is one sentence for the transcript.
  void stop(const std::string& why);
  /// The recorded connection: events grouped as in a run, negotiated values, failure. Call once, at the end.
  Transcript finish();

 private:
  enum class Stage { cleartext, tls, closed };

  bool expects_tls() const {
    return scenario_.mode == PortMode::implicit_tls || (scenario_.mode == PortMode::starttls && scenario_.starttls);
  }
  Side peer_side() const { return lab_.side == Side::client ? Side::server : Side::client; }
  void advance();
  bool send_clear();
  void receive_clear();
  void start_tls();
  void receive_tls();
  void open_record(Bytes wire);
  Bytes drive();
  void drive_handshake();
  void read_application(Bytes& out_data);
  bool write_application();
  void lift_own_records();
  Step peer_record(Bytes wire, const Bytes& app_data);
  void deliver(std::span<const std::uint8_t> unit);
  void handshake_finished_now();
  void note(std::string title, std::string detail);
  void fail(const std::string& detail);
  void close();
  void emit(Step step);
  void emit_lab_events();

  Scenario scenario_;
  Limits limits_;
  std::shared_ptr<const ContextPair> contexts_;
  Dialogue dialogue_;
  ProtocolPeer* peer_ = nullptr;  // the lab's protocol peer (owned by dialogue_)
  Endpoint lab_;
  Transcript out_;
  Stage stage_ = Stage::cleartext;
  Bytes clear_in_;       // cleartext from the peer not yet cut into units
  Bytes tls_in_;         // TLS bytes from the peer not yet cut into records
  std::string app_in_;   // decrypted application data not yet cut into units (for step titles)
  Bytes to_send_;        // what the lab wrote, not yet taken by the socket loop
  bool closing_ = false;
  bool shutdown_sent_ = false;
  bool negotiated_reported_ = false;
  bool lab_wrote_server_hello_ = false;  // lab server: the peer knows the version from now on
  bool peer_finished_seen_ = false;      // TLS 1.3: the peer's Finished arrived, its records use application keys
  bool peer_encrypting_ = false;         // TLS 1.2: the peer's ChangeCipherSpec arrived
};

}  // namespace hl::live
