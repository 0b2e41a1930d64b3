// HTTP/1.1: the client asks for "/" with the session cookie it holds; on the plaintext port the
// server redirects to https, on the TLS port it answers with a small page, Strict-Transport-Security
// and the cookie (re)set. A cookie with Secure is never sent over http:// (RFC 6265 §5.4 step 1),
// so only a cookie without Secure crosses port 80 in the clear.
#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/protocols/peer.hpp"

namespace hl {
namespace {

AppUnit text_unit(const std::string& text, std::string title) {
  return AppUnit{Bytes(text.begin(), text.end()), std::move(title)};
}

// The value of header `name` in an HTTP request, or "" when absent.
std::string header_value(const std::string& request, const std::string& name) {
  const std::string key = "\r\n" + name + ": ";
  std::size_t start = request.find(key);
  if (start == std::string::npos) return {};
  start += key.size();
  std::size_t end = request.find("\r\n", start);
  return request.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Length of the first whole HTTP/1.1 message in `pending` (RFC 9112 §6.3): the header block,
// then Content-Length bytes of body (none without it); 0 while incomplete.
std::size_t http_message_len(std::string_view pending) {
  const std::size_t blank = pending.find("\r\n\r\n");
  if (blank == std::string_view::npos) return 0;
  const std::size_t head_len = blank + 4;
  std::string head(pending.substr(0, head_len));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t field = head.find("\r\ncontent-length:");
  if (field == std::string::npos) return head_len;
  const std::size_t body_len = std::strtoull(head.c_str() + field + 17, nullptr, 10);
  if (body_len > pending.size() - head_len) return 0;
  return head_len + body_len;
}

const std::string kSessionCookie = "session=7f3a9c2e41b8d065";

class HttpClient final : public ProtocolPeer {
 public:
  HttpClient(std::string host, bool tls, bool cookie_secure)
      : host_(std::move(host)), tls_(tls), cookie_secure_(cookie_secure) {}

  std::vector<AppUnit> take_output() override {
    if (sent_) return {};
    sent_ = true;
    // RFC 6265 §5.4 step 1: a Secure cookie goes only over a secure channel.
    const bool send_cookie = tls_ || !cookie_secure_;
    return {text_unit("GET / HTTP/1.1\r\n"
                      "Host: " + host_ + "\r\n"
                      "User-Agent: handshake-lab/1.0\r\n" +
                          (send_cookie ? "Cookie: " + kSessionCookie + "\r\n" : std::string()) +
                          "\r\n",
                      "GET /")};
  }
  void receive(std::span<const std::uint8_t> bytes) override { answered_ = answered_ || !bytes.empty(); }
  bool wants_tls() const override { return tls_; }
  bool finished() const override { return answered_; }
  std::size_t unit_len(std::string_view pending) const override { return http_message_len(pending); }

 private:
  std::string host_;
  bool tls_;
  bool cookie_secure_;
  bool sent_ = false;
  bool answered_ = false;
};

class HttpServer final : public ProtocolPeer {
 public:
  HttpServer(std::string default_host, bool tls, const PeerConfig& config)
      : host_(std::move(default_host)), tls_(tls), cookie_secure_(config.cookie_secure), hsts_(config.hsts),
        redirect_(config.redirect) {}

  std::vector<AppUnit> take_output() override {
    if (!asked_ || answered_) return {};
    answered_ = true;
    return {tls_ || !redirect_ ? page() : redirect()};
  }
  void receive(std::span<const std::uint8_t> bytes) override {
    std::string request(bytes.begin(), bytes.end());
    if (request.rfind("GET ", 0) != 0) return;
    asked_ = true;
    std::string host = header_value(request, "Host");
    if (!host.empty()) host_ = host;
  }
  bool wants_tls() const override { return tls_; }
  bool finished() const override { return answered_; }
  std::size_t unit_len(std::string_view pending) const override { return http_message_len(pending); }

 private:
  AppUnit redirect() const {
    return text_unit("HTTP/1.1 301 Moved Permanently\r\n"
                     "Location: https://" + host_ + "/\r\n"
                     "Content-Length: 0\r\n"
                     "\r\n",
                     "301 Moved Permanently");
  }
  AppUnit page() const {
    const std::string body = std::string("<!doctype html><title>Hello</title><p>Hello ") + (tls_ ? "over TLS" : "in the clear") + ".</p>\n";
    return text_unit("HTTP/1.1 200 OK\r\n"
                     "Content-Type: text/html; charset=utf-8\r\n"
                     + std::string(tls_ && hsts_ ? "Strict-Transport-Security: max-age=31536000\r\n" : "") +
                     "Set-Cookie: " + kSessionCookie + "; Path=/; HttpOnly" + (cookie_secure_ ? "; Secure" : "") + "\r\n" +
                     "Content-Length: " + std::to_string(body.size()) + "\r\n"
                     "\r\n" + body,
                     "200 OK");
  }

  std::string host_;
  bool tls_;
  bool cookie_secure_;
  bool hsts_;
  bool redirect_;
  bool asked_ = false;
  bool answered_ = false;
};

}  // namespace

/// HTTP on config.port: TLS from the first byte unless the port is plaintext
/// (HTTP has no STARTTLS, so a starttls mode behaves like plaintext).
Dialogue make_http_dialogue(const PeerConfig& config) {
  const bool tls = config.mode == PortMode::implicit_tls;
  const std::string host = config.server_name.empty() ? config.certificate_name : config.server_name;
  return Dialogue{std::make_unique<HttpClient>(host, tls, config.cookie_secure),
                  std::make_unique<HttpServer>(host, tls, config)};
}

}  // namespace hl
