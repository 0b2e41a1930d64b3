// attack=steal-server-key, forward secrecy on real bytes: Mallory recorded the whole run, and
// later the server's private key leaks. With RSA key transport (TLS 1.2) the recording opens:
// the key decrypts the premaster in the ClientKeyExchange, the premaster and the recorded
// randoms give every key (core/crypto's TLS 1.2 schedule), and the keys open every record.
// With ECDHE, or any TLS 1.3 handshake, the key only ever signed; the secret came from
// ephemeral keys that are gone, so nothing opens.
#pragma once

#include <openssl/evp.h>

#include "core/model/transcript.hpp"

namespace hl {

/// Adds to out.attacker.read what the recording of `out` gives up to `server_key` (the
/// private key of the server's certificate): the premaster, then every application record in
/// the clear; or one note saying why nothing opens. Reads only what crossed the wire: never
/// the key log, the endpoints' plaintext or the ephemeral keys the engine captured.
void read_recording_with_stolen_key(EVP_PKEY* server_key, Transcript& out);

}  // namespace hl
