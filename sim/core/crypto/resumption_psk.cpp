// resumption_input(): which ticket a resumed TLS 1.3 ClientHello offered (RFC 8446 §4.2.11),
// found by its bytes among the first connection's NewSessionTickets (§4.6.1), and its binder.
#include <algorithm>

#include "core/crypto/schedule_builder.hpp"

namespace hl::crypto {
namespace {

constexpr std::uint16_t kPreSharedKeyExt = 41;
constexpr std::size_t kMessageHeaderLen = 4;

struct Ticket {
  Bytes nonce;
  Bytes ticket;
};

/* struct { uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce<0..255>;
            opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>; } NewSessionTicket; */
std::optional<Ticket> read_ticket(const HandshakeMessage& message) {
  wire::Cursor body(std::span(message.bytes).subspan(std::min(message.bytes.size(), kMessageHeaderLen)));
  std::uint32_t lifetime = 0, age_add = 0;
  wire::Cursor nonce, ticket;
  if (!body.u32(lifetime) || !body.u32(age_add) || !body.prefixed(1, nonce) || !body.prefixed(2, ticket))
    return std::nullopt;
  return Ticket{Bytes(nonce.rest().begin(), nonce.rest().end()), Bytes(ticket.rest().begin(), ticket.rest().end())};
}

/* struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
   struct { PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>; } OfferedPsks; */
bool read_offer(const HandshakeMessage& client_hello, Bytes& out_identity, ResumptionInput& out) {
  auto data = hello_extension_cursor(client_hello, kPreSharedKeyExt);
  wire::Cursor identities, identity, binders, binder;
  std::uint32_t age = 0;
  if (!data || !data->prefixed(2, identities) || !identities.prefixed(2, identity) || !identities.u32(age)) return false;
  out.binder_offset = data->offset();
  if (!data->prefixed(2, binders) || !binders.prefixed(1, binder)) return false;
  out_identity.assign(identity.rest().begin(), identity.rest().end());
  out.binder.assign(binder.rest().begin(), binder.rest().end());
  return true;
}

}  // namespace

ResumptionInput resumption_input(const Transcript& transcript, int connection, const KeySchedule& first) {
  ResumptionInput out;
  const auto later = handshake_messages(transcript, connection);
  const auto client_hello = find_message(later, kClientHello, Side::client);
  const auto server_hello = find_message(later, kServerHello, Side::server);
  if (!client_hello || !server_hello || !hello_extension(later[*server_hello], kPreSharedKeyExt)) return out;
  out.resumed = true;
  Bytes identity;
  if (!read_offer(later[*client_hello], identity, out)) {
    out.unavailable = "the ClientHello's pre_shared_key extension cannot be read";
    return out;
  }
  const auto earlier = handshake_messages(transcript, first.connection);
  for (const auto& message : earlier) {
    if (message.type != kNewSessionTicket || message.from != Side::server) continue;
    auto ticket = read_ticket(message);
    if (!ticket || ticket->ticket != identity) continue;
    out.ticket_nonce = ticket->nonce;
    out.ticket_step = message.step;
  }
  const ScheduleValue* secret = first.find("resumption_master_secret");
  if (secret != nullptr) out.secret_steps = secret->transcript_steps;
  if (out.ticket_step == 0) out.unavailable = "the ticket the client offered is not among the first connection's NewSessionTickets";
  else if (secret == nullptr || !secret->available())
    out.unavailable = "the first connection's resumption_master_secret is unavailable" +
                      (secret != nullptr ? ": " + secret->unavailable : std::string());
  else out.resumption_master_secret = secret->value;
  return out;
}

}  // namespace hl::crypto
