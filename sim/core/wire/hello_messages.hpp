// Message-body decoders used by the handshake dispatcher (handshake.cpp). Each reads one
// message body through the cursor, as the RFC struct on top of its definition says.
#pragma once

#include "core/wire/decoders.hpp"

namespace hl::wire {

/// True when a ServerHello body carries the HelloRetryRequest random.
bool is_hello_retry_request(std::span<const std::uint8_t> body);

/// Decode a ClientHello / ServerHello body (type and length already read) into out.
void decode_client_hello(Cursor& c, FieldList& out, DecodeContext& ctx);
void decode_server_hello(Cursor& c, FieldList& out, DecodeContext& ctx);

}  // namespace hl::wire
