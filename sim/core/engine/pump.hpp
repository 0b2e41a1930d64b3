// The lock-step pump: moves application units and TLS records between the two endpoints
// one at a time, recording each as a step, until the run settles or fails.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/engine/endpoint.hpp"
#include "core/engine/engine.hpp"

namespace hl {

/// The title of the note a side's stream ending without close_notify leaves (close=cut); the
/// capture writer puts that side's FIN there.
inline constexpr std::string_view kStreamCutTitle = "stream cut";

/// One TCP connection of a run and who sits at its ends. A run without Mallory has one;
/// with Mallory terminating TLS it has two that meet at her.
struct Link {
  int connection = 1;                 // Step::connection of every step on it
  Side client_party = Side::client;   // who plays the TLS client here
  Side server_party = Side::server;   // who plays the TLS server here
  bool primary = true;                // the real client's connection: its outcome is the run's
};

/// Drives one connection between two built endpoints and appends every step to a transcript.
class Pump {
 public:
  /// Both endpoints must be built and have their protocol peers set.
  /// `protocol` names the application protocol for app-line steps.
  Pump(EndpointPair& endpoints, std::string protocol, const EngineOptions& options, Transcript& out)
      : Pump(endpoints.client, endpoints.server, std::move(protocol), options, out, Link{}) {}
  /// The same for the endpoints of one link (a TLS client and a TLS server endpoint).
  Pump(Endpoint& client, Endpoint& server, std::string protocol, const EngineOptions& options, Transcript& out, Link link)
      : client_(client), server_(server), protocol_(std::move(protocol)), options_(options), out_(out), link_(link) {}

  /// Runs to the end: the dialogue in the clear, the handshake, the dialogue inside TLS.
  /// Never loops more than options.max_rounds rounds.
  void run();
  /// One round: moves one thing across the wire, or returns false when nothing could move
  /// now (callable again: a relay may give it more to do later).
  bool round();
  /// Ends a run that was still moving after its bound: one failure step saying where it stopped.
  void stop_at_bound();
  /// The last things each side did, and why the run stopped if it did not finish.
  void finish();

 private:
  enum class Stage { cleartext, handshake, application };

  bool cleartext_round();
  bool tls_round();
  bool send_clear(Endpoint& from);
  void inject_behind(const Step& passed, Endpoint& to);
  void hand_over(Endpoint& to, StepKind kind, const Bytes& bytes);
  bool release_held();
  void take_peer_notes(Endpoint& side);
  bool lift_record(Endpoint& from);
  void drive(Endpoint& side);
  void drive_handshake(Endpoint& side);
  void read_application(Endpoint& side);
  bool write_application(Endpoint& side);
  void ask_for_certificate(Endpoint& side);
  void update_keys(Endpoint& side);
  void answer_key_update(Endpoint& side);  // sends the KeyUpdate the peer asked for right away  // key-update=on: KeyUpdate ahead of the first write after the peer's data
  bool close_connection();  // close=notify|cut once the dialogue is over (pump_close.cpp)
  void send_close_notify();
  void answer_close(Endpoint& side);
  void cut_stream();
  void drain(Endpoint& side);
  void fail(Endpoint& side, const std::string& detail);
  void client_finished();
  void label(Step& step) const;
  Negotiated& negotiated() { return link_.primary ? out_.negotiated : own_negotiated_; }

  Side party(const Endpoint& side) const { return &side == &client_ ? link_.client_party : link_.server_party; }
  Endpoint& peer_of(Endpoint& side) { return &side == &client_ ? server_ : client_; }
  Delivery intervene(Step& step) const { return options_.intervene ? options_.intervene(step) : Delivery::deliver; }
  void emit(Step step);
  void emit(std::vector<Step> steps);

  Endpoint& client_;
  Endpoint& server_;
  std::string protocol_;
  const EngineOptions& options_;
  Transcript& out_;
  Link link_;
  Negotiated own_negotiated_;  // what a link that is not primary agreed on
  Endpoint* turn_ = &client_;  // the side whose records are lifted first
  Stage stage_ = Stage::cleartext;
  bool negotiated_reported_ = false;
  bool close_started_ = false;          // close_connection() has run
  Endpoint* last_writer_ = nullptr;     // the side that sent the last application data
  Bytes read_buffer_;  // reused by every SSL_read of the run
  struct Held {
    Endpoint* to = nullptr;  // who it was on its way to
    Step step;               // as it left its sender
  };
  std::optional<Held> held_;  // the record Mallory is holding back (Delivery::delay)
};

/// Appends one step as the pump records it: an event gets its single part and `to` its own side,
/// a secret its meaning in `protocol` and its key log line in out.keylog (once), application units the protocol.
void append_step(Transcript& out, Step step, const std::string& protocol);

/// "Both sides agreed on TLSv1.3 with the cipher suite ...": the negotiated event's sentence.
std::string negotiated_sentence(const Negotiated& negotiated);

/// Why SSL_do_handshake() just failed on `side`: OpenSSL's reason and, for a client, the certificate
/// check that failed. Clears OpenSSL's error queue.
std::string handshake_failure_reason(const Endpoint& side);

/// Fills `out` with what the client's SSL agreed on so far (empty fields where it never got that far).
void read_negotiated(SSL* client, Negotiated& out);

}  // namespace hl
