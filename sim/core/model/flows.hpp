// The TLS handshake's message flows as data, in the manner of s2n-tls's
// tls/s2n_handshake_io.c: each flow is a table of rows (sender, content type, handshake
// message type, required or optional, flight). The engine's tests compare runs with it,
// predict questions ask it what comes next, the ladder groups steps into its flights, and a
// message that no row expects is marked: whatever the attacker did comes next.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/model/handshake_type.hpp"
#include "core/model/transcript.hpp"

namespace hl::flows {

/// Who sends a row's message; application data and KeyUpdate come from either side.
enum class Sender : std::uint8_t { client, server, either };

/// How often a row's message occurs at its place: exactly once, at most once, any number of times.
/// Consecutive repeated rows of one flight may come in any order.
enum class Need : std::uint8_t { required, optional, repeated };

/// One row of a flow: one message on the wire.
struct Row {
  Sender from = Sender::client;
  std::uint8_t content_type = 0;       // the true content type (TLS 1.3's inner type for protected records)
  std::optional<HandshakeType> type;   // handshake rows only
  Need need = Need::required;
  std::uint8_t flight = 1;             // numbered from 1; one flight is what a side sends before it waits
  bool close_notify = false;           // an alert row: the close_notify that ends a connection cleanly
};

/// The flows the table knows. Add a flow here and in the table in flows.cpp.
enum class FlowId : std::uint8_t {
  tls13_full,          // RFC 8446 §2, figure 1
  tls13_hello_retry,   // RFC 8446 §2.1, figure 2
  tls13_resumed,       // RFC 8446 §2.2, PSK resumption without 0-RTT
  tls13_early_data,    // RFC 8446 §2.3, figure 4: PSK with 0-RTT data the server accepts (EndOfEarlyData)
  tls13_early_data_rejected,  // RFC 8446 §2.3, §4.2.10: PSK with 0-RTT data the server declines (skipped)
  tls12_ecdhe,         // RFC 5246 §7.3 with ServerKeyExchange (RFC 8422 ECDHE, DHE)
  tls12_rsa,           // RFC 5246 §7.3, RSA key transport: no ServerKeyExchange
  tls12_abbreviated,   // RFC 5246 §7.3, figure 2: session resumption
};

/// One named flow.
struct Flow {
  FlowId id;
  const char* name;                     // "TLS 1.3 full handshake"
  std::uint16_t version;                // record::kTls13 or record::kTls12
  std::span<const Row> rows;
  std::span<const char* const> flights; // a label per flight, flights[0] for flight 1
};

/// Every flow, in the order pick ties are broken.
std::span<const Flow> all_flows();

/// The flow with this id.
const Flow& flow(FlowId id);

/// One message of a run as the flows see it: a handshake message, a ChangeCipherSpec, an
/// alert or an application data record.
struct Message {
  Side from = Side::client;            // the sender's TLS role (sender_role): Mallory is the server toward the client
  std::uint8_t content_type = 0;       // true content type, as in Row
  std::optional<HandshakeType> type;   // handshake messages only
  std::size_t step = 0;                // index of the transcript step that carried it
  int connection = 1;                  // the step's connection
  bool close_notify = false;           // an alert record holding close_notify (RFC 8446 §6.1)
};

/// Whether a record step is the alert close_notify (a protected one read from its plaintext).
bool carries_close_notify(const Step& step);

/// The messages of one connection's records in order: one per handshake message (Step::messages),
/// one per ChangeCipherSpec, alert or application data record. App lines and events carry none.
/// Each connection of a run (a resumed one, Mallory's two) follows a flow of its own.
std::vector<Message> messages_of(const Transcript& transcript, int connection = 1);

/// The connections a transcript's steps name, ascending: {1} for a run of one connection.
std::vector<int> connections_of(const Transcript& transcript);

/// Whether row takes message: same sender (or either), content type and handshake type.
bool row_matches(const Row& row, const Message& message);

/// How a run's messages line up with one flow.
struct Match {
  const Flow* flow = nullptr;               // null when the run has no TLS messages
  std::vector<std::size_t> rows;            // rows[i]: the row message i matched (matched messages only)
  std::vector<std::size_t> positions;       // positions[i]: the matcher's place in the rows after message i
  std::optional<std::size_t> unexpected;    // index of the first message no row expects; matching stops there
  std::optional<std::size_t> alert;         // index of an alert that ended the run (any but a close_notify
                                            // a closing row takes); matching stops there
  bool complete = false;                    // every required row was seen
};

/// Matches messages against one flow, row by row.
Match match(const Flow& flow, std::span<const Message> messages);

/// Picks the flow the run follows: one of the run's version (the TLS version its records were
/// written with; 0 unknown), then the one matching the most messages, then a complete one,
/// then table order.
Match pick(std::span<const Message> messages, std::uint16_t version);

/// pick() over one connection's messages and the version its records were written with.
Match pick(const Transcript& transcript, int connection = 1);

/// The rows that may come after the first num_seen messages of a match (every optional or
/// repeated row up to and including the next required one). Empty when nothing more is expected.
std::vector<Row> next_rows(const Match& match, std::size_t num_seen);

/// The flight a matched message belongs to (from 1); 0 for a message the match did not reach.
std::uint8_t flight_of(const Match& match, std::size_t message);

/// "client", "server" or "either side".
const char* sender_name(Sender from);

}  // namespace hl::flows
