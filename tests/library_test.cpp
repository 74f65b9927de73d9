// Code written in place of a library, tested as that library would be:
// SHA-256 against the FIPS 180-4 examples, output names against hostile input.
#include <gtest/gtest.h>

#include <string>

#include "batch/output_paths.h"
#include "common/sha256.h"

namespace docgen {
namespace {

// FIPS 180-4 (and its example document): the one-block and two-block
// messages, the empty message and a million "a".
TEST(Sha256, KnownAnswers) {
    EXPECT_EQ(Sha256::of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256::of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(Sha256::of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(Sha256::of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopq"
                         "rsmnopqrstnopqrstu"),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    EXPECT_EQ(Sha256::of(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Lengths around the padding's edges (55, 56, 63, 64 bytes) and input given
// in pieces of every size: the same digest as in one piece.
TEST(Sha256, PiecesAndPaddingEdges) {
    EXPECT_EQ(Sha256::of(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(Sha256::of(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(Sha256::of(std::string(63, 'a')), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    EXPECT_EQ(Sha256::of(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    std::string message;
    for (int i = 0; i < 300; ++i) message += static_cast<char>(i * 7 + 3);
    const std::string whole = Sha256::of(message);
    for (size_t piece = 1; piece <= 130; ++piece) {
        Sha256 sha;
        for (size_t at = 0; at < message.size(); at += piece) sha.update(std::string_view(message).substr(at, piece));
        EXPECT_EQ(sha.hex(), whole) << "pieces of " << piece;
    }
}

TEST(OutputNames, ForbiddenCharactersAreReplacedBeforeTheLengthIsCapped) {
    // 150 forbidden characters and a long name: replaced one for one, then cut at 200 bytes.
    const std::string name = std::string(150, '?') + std::string(300, 'x');
    const std::string safe = batch::safe_name(name);
    EXPECT_EQ(safe, std::string(150, '_') + std::string(50, 'x'));
    // Cyrillic is cut between letters.
    std::string cyrillic;
    for (int i = 0; i < 150; ++i) cyrillic += "ш";
    EXPECT_EQ(batch::safe_name(cyrillic).size(), 200u);
    EXPECT_EQ(batch::safe_name(cyrillic + "ш").size(), 200u);
}

TEST(OutputNames, InvisibleAndReorderingCharactersAreDropped) {
    EXPECT_EQ(batch::safe_name("школа\u202Efdp.exe"), "школаfdp.exe");
    EXPECT_EQ(batch::safe_name("а\u200Bб\u2028в\u2029г\uFEFFд\u00ADе\u2066ж"), "абвгдеж");
    EXPECT_EQ(batch::safe_name("\u200B\u200B"), "_");
    EXPECT_EQ(batch::safe_name("CON.pdf"), "_CON.pdf");
    EXPECT_EQ(batch::safe_name(" .школа. "), "школа");
    EXPECT_EQ(batch::safe_name("a/b\\c:d"), "a_b_c_d");
    EXPECT_EQ(batch::safe_name("СОШ\u00A0№\u00A05"), "СОШ № 5");
}

}  // namespace
}  // namespace docgen
