// The lock-step pump: moves application units and TLS records between the two endpoints
// one at a time, recording each as a step, until the run settles or fails.
#pragma once

#include <string>

#include "core/engine/endpoint.hpp"
#include "core/engine/engine.hpp"

namespace hl {

/// Drives one run between two built endpoints and appends every step to a transcript.
class Pump {
 public:
  /// Both endpoints must be built and have their protocol peers set.
  /// `protocol` names the application protocol for app-line steps.
  Pump(EndpointPair& endpoints, std::string protocol, const EngineOptions& options, Transcript& out)
      : client_(endpoints.client), server_(endpoints.server), protocol_(std::move(protocol)), options_(options),
        out_(out) {}

  /// Runs to the end: the dialogue in the clear, the handshake, the dialogue inside TLS.
  /// Never loops more than options.max_rounds rounds.
  void run();

 private:
  enum class Stage { cleartext, handshake, application };

  bool cleartext_round();
  bool tls_round();
  bool send_clear(Endpoint& from);
  void take_peer_notes(Endpoint& side);
  bool lift_record(Endpoint& from);
  void drive(Endpoint& side);
  void drive_handshake(Endpoint& side);
  void read_application(Endpoint& side);
  bool write_application(Endpoint& side);
  void drain(Endpoint& side);
  void fail(Endpoint& side, const std::string& detail);
  void client_finished();
  void finish();

  Endpoint& peer_of(Endpoint& side) { return &side == &client_ ? server_ : client_; }
  Delivery intervene(Step& step) const { return options_.intervene ? options_.intervene(step) : Delivery::deliver; }
  void emit(Step step);
  void emit(std::vector<Step> steps);

  Endpoint& client_;
  Endpoint& server_;
  std::string protocol_;
  const EngineOptions& options_;
  Transcript& out_;
  Endpoint* turn_ = &client_;  // the side whose records are lifted first
  Stage stage_ = Stage::cleartext;
  bool negotiated_reported_ = false;
  Bytes read_buffer_;  // reused by every SSL_read of the run
};

/// Fills `out` with what the client's SSL agreed on so far (empty fields where it never got that far).
void read_negotiated(SSL* client, Negotiated& out);

}  // namespace hl
