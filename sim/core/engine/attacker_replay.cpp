// Mallory's 0-RTT replay: a recorded client flight, sent again to a fresh server SSL.
#include "core/engine/attacker_replay.hpp"

#include "core/engine/early_data.hpp"
#include "core/engine/event_groups.hpp"
#include "core/engine/pump.hpp"
#include "core/model/record_layer.hpp"
#include "core/protocols/peer.hpp"

namespace hl {
namespace {

constexpr std::size_t kMaxServerRounds = 16;

// Appends one step of the replay connection: the server's steps go to Mallory, hers to the server.
void emit(Transcript& out, Step step, const std::string& protocol) {
  step.connection = kReplayConnection;
  if (step.from == Side::server && step.kind == StepKind::record) step.to = Side::attacker;
  append_step(out, std::move(step), protocol);
}

void emit_event(Transcript& out, Side from, std::string title, std::string detail, const std::string& protocol) {
  Step step;
  step.kind = StepKind::event;
  step.from = from;
  step.event = EventKind::note;
  step.title = std::move(title);
  step.detail = std::move(detail);
  emit(out, std::move(step), protocol);
}

// Everything the server wrote since last time, cut into records, with its events around them.
// Returns the step number (as the trace shows it) of the ServerHello among them, 0 when none.
std::size_t lift_server(Endpoint& server, Transcript& out, const std::string& protocol) {
  std::size_t server_hello = 0;
  char chunk[4096];
  while (BIO_ctrl_pending(server.outbox) > 0) {
    const int read = BIO_read(server.outbox, chunk, sizeof chunk);
    if (read <= 0) break;
    server.pending.insert(server.pending.end(), chunk, chunk + read);
  }
  while (const std::size_t len = record::whole_record_len(server.pending.data(), server.pending.size())) {
    Bytes wire(server.pending.begin(), server.pending.begin() + static_cast<std::ptrdiff_t>(len));
    server.pending.erase(server.pending.begin(), server.pending.begin() + static_cast<std::ptrdiff_t>(len));
    LiftedRecord lifted = server.capture.take_record(std::move(wire));
    for (Step& step : lifted.before) emit(out, std::move(step), protocol);
    lifted.record.connection = kReplayConnection;
    lifted.record.to = Side::attacker;
    if (carries(lifted.record, HandshakeType::server_hello) && server_hello == 0)
      server_hello = grouped_number(out.steps, lifted.record);
    emit(out, std::move(lifted.record), protocol);
    for (Step& step : lifted.after) emit(out, std::move(step), protocol);
  }
  for (Step& step : server.capture.take_leading_events()) emit(out, std::move(step), protocol);
  return server_hello;
}

// The server acts on what arrived: early data first (SSL_read_early_data), then its handshake.
void drive_server(Endpoint& server, Bytes& buffer) {
  std::string error;
  if (!server.early_data_read && read_early_data(server, buffer, error) == EarlyRead::failed) {
    server.failed = true;
    server.capture.add_event(EventKind::failure, "failure", error);
  }
  if (server.failed || !server.early_data_read) return;
  ERR_clear_error();
  const int result = SSL_do_handshake(server.ssl.get());
  const int reason = SSL_get_error(server.ssl.get(), result);
  if (result == 1 || reason == SSL_ERROR_WANT_READ || reason == SSL_ERROR_WANT_WRITE) return;
  server.failed = true;
  server.capture.add_event(EventKind::failure, "failure", "The server stopped the handshake: " + handshake_failure_reason(server) + ".");
}

std::string what_the_server_did(bool accepted) {
  if (accepted)
    return "The server accepted the replayed early data and handed the request to its application a second time: "
           "with anti-replay off (SSL_OP_NO_ANTI_REPLAY) its tickets are stateless, and nothing tells it that this "
           "ticket was already used. Mallory never learns the key, but the request ran twice (RFC 8446 §8).";
  return "The server did not take the replayed early data: OpenSSL's anti-replay keeps each ticket in the server's "
         "session cache and removes it when it is used, so the ticket of the copy is no longer there. The server "
         "ignores the pre-shared key, answers with a full handshake (a certificate, a fresh key exchange) and skips the "
         "0-RTT records unread (RFC 8446 §8.1, single-use tickets).";
}

}  // namespace

void FlightRecorder::see(const Step& step) {
  if (closed_ || step.connection != connection_ || step.kind != StepKind::record) return;
  if (step.from != Side::client) {
    closed_ = true;
    return;
  }
  flight_.push_back(step);
}

void replay_flight(const Scenario& scenario, const std::shared_ptr<const ContextPair>& contexts,
                   const std::vector<Step>& flight, Transcript& out, AttackerReport& out_report) {
  const std::string& protocol = scenario.protocol;
  Endpoint server{Side::server};
  std::string error;
  const PeerConfig peers = peer_config(scenario);
  Dialogue dialogue = make_dialogue(peers);
  if (flight.empty() || !make_endpoint(scenario, *contexts, server, error)) {
    emit_event(out, Side::attacker, "cannot replay",
               flight.empty() ? "Mallory recorded nothing from the client to replay." : "The replay cannot start: " + error + ".",
               protocol);
    return;
  }
  server.peer = dialogue.server.get();
  server.early_data = true;
  emit_event(out, Side::attacker, "replays the client's first flight",
             "The resumed connection is over. Mallory kept an exact copy of the client's first flight: the ClientHello "
             "with its pre_shared_key and early_data, and the 0-RTT record with the request. She cannot read the "
             "request (it is encrypted under client_early_traffic_secret), but she does not need to: she opens a new "
             "connection to the server and sends the same bytes again.",
             protocol);
  Bytes buffer;
  std::size_t server_hello = 0;
  for (const Step& original : flight) {
    Step copy = original;
    copy.from = Side::attacker;
    copy.to = Side::server;
    copy.title += " (replayed by Mallory)";
    copy.connection = kReplayConnection;
    const std::size_t number = grouped_number(out.steps, copy);
    out_report.changed.push_back({number, "replayed " + original.title + ", byte for byte, to the server"});
    const Bytes bytes = copy.bytes;
    emit(out, std::move(copy), protocol);
    if (BIO_write(server.inbox, bytes.data(), static_cast<int>(bytes.size())) != static_cast<int>(bytes.size())) {
      emit_event(out, Side::attacker, "cannot replay", "The server's memory BIO refused the replayed record.", protocol);
      return;
    }
    drive_server(server, buffer);
    if (const std::size_t number = lift_server(server, out, protocol); number != 0) server_hello = number;
  }
  const bool accepted = server.received_application_data;
  emit_event(out, Side::attacker, accepted ? "sees the replay work" : "sees the replay fail", what_the_server_did(accepted), protocol);
  out_report.read.push_back({server_hello, accepted ? "the server resumed the replayed ticket and ran the request a second time (early data accepted)"
                                                    : "the server answered with a full handshake: the ticket was already used, the replayed early data was skipped"});
  emit_event(out, Side::attacker, "cannot go on",
             "Mallory stops here: to read the server's answer or send the client's Finished she would need the "
             "client's private key share or the PSK, and she has neither.",
             protocol);
}

}  // namespace hl
