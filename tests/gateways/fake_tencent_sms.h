// A local fake of Tencent Cloud's SMS API (SendSms, 2021-01-11) for the adapter's tests: an HTTP
// server on 127.0.0.1 (an ephemeral port) in a background thread, one connection at a time. It
// checks each request the way Tencent does — recomputes the TC3-HMAC-SHA256 signature with its
// own copy of the secret key and answers AuthFailure.SignatureFailure when it differs — checks
// the headers and the body's fields, and otherwise gives the scripted answer.
//
// The fake verifies with the production signer (tc3_signer.h), which tc3_signer_test checks
// against Tencent's documented example; what the fake catches is a request whose signed inputs
// (host, content type, body, timestamp, secret id) differ from what was sent.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace yz::testing {

class FakeTencentSms {
 public:
  enum class Answer {
    kSent,            // 200, SendStatusSet[0].Code "Ok" with a SerialNo
    kError,           // 200, Response.Error {Code: code}
    kStatusRefused,   // 200, SendStatusSet[0].Code = code, the phone number quoted in Message
    kHttp500,         // 500 with a short text body
    kNoAnswer,        // reads the request, then says nothing until the client hangs up
    kOversized,       // 200, 100 KiB of JSON-looking text, no Content-Length (connection close)
    kOversizedKnown,  // 200 with Content-Length: 100 KiB announced
    kGarbage,         // 200, a body that is not JSON
  };

  struct Expected {
    std::string secret_id;
    std::string secret_key;  // the fake's copy, to recompute signatures
    std::string sdk_app_id;
    std::string sign_name;
    std::string region;
  };

  // What the fake saw of one request. `problem` is empty when every check passed.
  struct Seen {
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
    bool signature_ok = false;
    std::string problem;
  };

  explicit FakeTencentSms(Expected expected);
  ~FakeTencentSms();  // stops the thread, closes the socket
  FakeTencentSms(const FakeTencentSms&) = delete;
  FakeTencentSms& operator=(const FakeTencentSms&) = delete;

  // "http://127.0.0.1:PORT"
  std::string endpoint() const;
  // The answer to the following requests (until changed); `code` for kError and kStatusRefused.
  void Script(Answer answer, std::string code = "");
  std::vector<Seen> requests() const;

  static constexpr const char* kSerialNo = "2433:58903204517213941851632";
  static constexpr const char* kRequestId = "f3b9c3a4-0c1e-4c5f-a0d2-bb0e3ae6c4aa";

 private:
  void Serve();
  void Handle(int fd);

  Expected expected_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  Answer answer_ = Answer::kSent;
  std::string code_;
  std::vector<Seen> seen_;
  std::thread thread_;
};

}  // namespace yz::testing
