#include "gateways/fake_tencent_sms.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <chrono>
#include <stdexcept>

#include "gateways/sms/tc3_signer.h"

namespace yz::testing {

namespace {

constexpr std::size_t kMaxRequestBytes = 64 * 1024;
constexpr auto kReadPatience = std::chrono::seconds(5);

void WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away (it may, on purpose: oversized answers)
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Waits up to 50 ms for `fd` to be readable, then reads what is there. -1: error or closed.
ssize_t ReadSome(int fd, std::string& into) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 50) <= 0) return 0;
  char buffer[8192];
  const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
  if (n <= 0) return -1;
  into.append(buffer, static_cast<std::size_t>(n));
  return n;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string Header(const FakeTencentSms::Seen& seen, const std::string& name) {
  const auto it = seen.headers.find(name);
  return it == seen.headers.end() ? "" : it->second;
}

bool IsDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool IsStringArray(const boost::json::value* v) {
  if (!v || !v->is_array()) return false;
  return std::all_of(v->get_array().begin(), v->get_array().end(),
                     [](const boost::json::value& e) { return e.is_string(); });
}

std::string HttpResponse(int status, std::string_view reason, std::string_view body) {
  return fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n"
      "Connection: close\r\n\r\n{}",
      status, reason, body.size(), body);
}

std::string ErrorBody(std::string_view code, std::string_view message) {
  boost::json::object error{{"Code", code}, {"Message", message}};
  boost::json::object response{{"Error", std::move(error)},
                               {"RequestId", FakeTencentSms::kRequestId}};
  return boost::json::serialize(boost::json::object{{"Response", std::move(response)}});
}

std::string StatusBody(std::string_view serial, std::string_view phone, std::string_view code,
                       std::string_view message) {
  boost::json::object status{
      {"SerialNo", serial},   {"PhoneNumber", phone}, {"Fee", code == "Ok" ? 1 : 0},
      {"SessionContext", ""}, {"Code", code},         {"Message", message},
      {"IsoCode", "CN"}};
  boost::json::object response{{"SendStatusSet", boost::json::array{std::move(status)}},
                               {"RequestId", FakeTencentSms::kRequestId}};
  return boost::json::serialize(boost::json::object{{"Response", std::move(response)}});
}

}  // namespace

FakeTencentSms::FakeTencentSms(Expected expected) : expected_(std::move(expected)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("fake sms: socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // ephemeral
  socklen_t length = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("fake sms: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

FakeTencentSms::~FakeTencentSms() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::string FakeTencentSms::endpoint() const { return fmt::format("http://127.0.0.1:{}", port_); }

void FakeTencentSms::Script(Answer answer, std::string code) {
  std::lock_guard lock(mu_);
  answer_ = answer;
  code_ = std::move(code);
}

std::vector<FakeTencentSms::Seen> FakeTencentSms::requests() const {
  std::lock_guard lock(mu_);
  return seen_;
}

void FakeTencentSms::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Handle(fd);
    ::close(fd);
  }
}

void FakeTencentSms::Handle(int fd) {
  // The request: headers up to the blank line, then Content-Length bytes of body.
  std::string data;
  const auto give_up = std::chrono::steady_clock::now() + kReadPatience;
  std::size_t header_end = std::string::npos;
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    if (stop_ || data.size() > kMaxRequestBytes || std::chrono::steady_clock::now() > give_up ||
        ReadSome(fd, data) < 0) {
      return;
    }
  }
  Seen seen;
  std::string_view head(data.data(), header_end);
  const std::size_t first_line_end = head.find("\r\n");
  const std::string request_line(head.substr(0, first_line_end));
  head.remove_prefix(std::min(head.size(), first_line_end + 2));
  while (!head.empty()) {
    const std::size_t end = std::min(head.find("\r\n"), head.size());
    const std::string_view line = head.substr(0, end);
    if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      seen.headers[Lower(Trim(line.substr(0, colon)))] = std::string(Trim(line.substr(colon + 1)));
    }
    head.remove_prefix(std::min(head.size(), end + 2));
  }
  const std::string length_text = Header(seen, "content-length");
  const std::size_t length = IsDigits(length_text) ? std::stoul(length_text) : 0;
  const std::size_t body_start = header_end + 4;
  while (data.size() < body_start + length) {
    if (stop_ || length > kMaxRequestBytes || std::chrono::steady_clock::now() > give_up ||
        ReadSome(fd, data) < 0) {
      return;
    }
  }
  seen.body = data.substr(body_start, length);

  // The checks Tencent would make, and some of our own on the body's shape.
  std::vector<std::string> problems;
  if (request_line != "POST / HTTP/1.1") problems.push_back("request line: " + request_line);
  const std::string content_type = Header(seen, "content-type");
  if (content_type != "application/json; charset=utf-8") problems.push_back("content-type");
  if (Header(seen, "x-tc-action") != "SendSms") problems.push_back("x-tc-action");
  if (Header(seen, "x-tc-version") != "2021-01-11") problems.push_back("x-tc-version");
  if (Header(seen, "x-tc-region") != expected_.region) problems.push_back("x-tc-region");
  const std::string timestamp = Header(seen, "x-tc-timestamp");
  if (!IsDigits(timestamp)) problems.push_back("x-tc-timestamp");
  const std::string host = Header(seen, "host");
  if (host != fmt::format("127.0.0.1:{}", port_)) problems.push_back("host: " + host);
  if (IsDigits(timestamp)) {
    const std::string expected_authorization =
        Tc3Authorization({.secret_id = expected_.secret_id,
                          .secret_key = expected_.secret_key,
                          .service = "sms",
                          .host = host,
                          .content_type = content_type,
                          .payload = seen.body,
                          .timestamp = std::stoll(timestamp)});
    seen.signature_ok = Header(seen, "authorization") == expected_authorization;
  }
  std::string phone;
  boost::system::error_code ec;
  const boost::json::value body = boost::json::parse(seen.body, ec);
  if (ec || !body.is_object()) {
    problems.push_back("body is not a JSON object");
  } else {
    const auto& o = body.get_object();
    const auto* phones = o.if_contains("PhoneNumberSet");
    if (!IsStringArray(phones) || phones->get_array().size() != 1) {
      problems.push_back("PhoneNumberSet");
    } else {
      phone = std::string(phones->get_array()[0].get_string());
      if (!phone.starts_with("+86") || phone.size() != 14 || !IsDigits(phone.substr(1))) {
        problems.push_back("PhoneNumberSet[0] is not +86 and 11 digits");
      }
    }
    const auto string_field = [&](const char* name) -> std::string {
      const auto* v = o.if_contains(name);
      return v && v->is_string() ? std::string(v->get_string()) : "";
    };
    if (string_field("SmsSdkAppId") != expected_.sdk_app_id) problems.push_back("SmsSdkAppId");
    if (string_field("SignName") != expected_.sign_name) problems.push_back("SignName");
    if (!IsDigits(string_field("TemplateId"))) problems.push_back("TemplateId");
    if (!IsStringArray(o.if_contains("TemplateParamSet"))) problems.push_back("TemplateParamSet");
    if (o.size() != 5) problems.push_back("unexpected fields in the body");
  }
  for (const auto& p : problems) seen.problem += (seen.problem.empty() ? "" : "; ") + p;

  Answer answer;
  std::string code;
  {
    std::lock_guard lock(mu_);
    answer = answer_;
    code = code_;
    seen_.push_back(seen);
  }
  if (!seen.signature_ok) {
    WriteAll(fd, HttpResponse(200, "OK",
                              ErrorBody("AuthFailure.SignatureFailure",
                                        "The provided credentials could not be validated. "
                                        "Please check your signature is correct.")));
    return;
  }
  if (!seen.problem.empty()) {
    WriteAll(fd, HttpResponse(200, "OK", ErrorBody("InvalidParameter", seen.problem)));
    return;
  }
  switch (answer) {
    case Answer::kSent:
      WriteAll(fd, HttpResponse(200, "OK", StatusBody(kSerialNo, phone, "Ok", "send success")));
      return;
    case Answer::kError:
      WriteAll(fd, HttpResponse(200, "OK", ErrorBody(code, "scripted failure for " + phone)));
      return;
    case Answer::kStatusRefused:
      WriteAll(fd, HttpResponse(200, "OK", StatusBody("", phone, code, "refused " + phone)));
      return;
    case Answer::kHttp500:
      WriteAll(fd,
               "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
               "Content-Length: 14\r\nConnection: close\r\n\r\ninternal error");
      return;
    case Answer::kNoAnswer: {
      std::string ignored;
      while (!stop_ && ReadSome(fd, ignored) >= 0) {
      }
      return;
    }
    case Answer::kOversized:
    case Answer::kOversizedKnown: {
      const std::string padding(100 * 1024, 'x');
      const std::string big = R"({"Response":{"Padding":")" + padding + R"("}})";
      std::string head_text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
      if (answer == Answer::kOversizedKnown) {
        head_text += fmt::format("Content-Length: {}\r\n", big.size());
      }
      head_text += "Connection: close\r\n\r\n";
      WriteAll(fd, head_text + big);
      return;
    }
    case Answer::kGarbage:
      WriteAll(fd,
               "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 24\r\n"
               "Connection: close\r\n\r\n<html>bad gateway</html>");
      return;
  }
}

}  // namespace yz::testing
