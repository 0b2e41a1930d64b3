// What a capture transcript's handshake agreed on and how it ended, read off its messages
// (a lesson run asks OpenSSL instead; a capture only has the wire).
#pragma once

#include "core/model/transcript.hpp"

namespace hl::capture {

/// Fills t.negotiated (version, cipher, group, signature scheme, ALPN as far as the readable
/// messages show them), t.handshake_complete (both Finished messages seen) and t.failure
/// (a fatal alert before that).
void read_outcome(Transcript& t);

}  // namespace hl::capture
