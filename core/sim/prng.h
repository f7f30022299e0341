#pragma once

#include <QString>
#include <QtGlobal>

namespace idem {

/// xoshiro256** seeded through splitmix64: the same seed gives the same stream on every
/// platform and standard library (std::mt19937's distributions do not promise that).
class Prng
{
public:
    explicit Prng(quint64 seed = 1) { reseed(seed); }

    void reseed(quint64 seed)
    {
        for (auto &word : m_s) {
            seed += 0x9e3779b97f4a7c15ULL;
            quint64 z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            word = z ^ (z >> 31);
        }
    }

    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }

    /// Uniform integer in [0, bound]; 0 when bound <= 0.
    qint64 upTo(qint64 bound)
    {
        if (bound <= 0)
            return 0;
        return qint64(next() % quint64(bound + 1));
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    quint64 m_s[4] = {};
};

/// A version-4 UUID drawn from `prng`, so a seed fixes the keys of a run too.
inline QString uuidFrom(Prng &prng)
{
    const quint64 hi = (prng.next() & ~quint64(0xf000)) | quint64(0x4000);
    const quint64 lo = (prng.next() & ~(quint64(0xc) << 60)) | (quint64(0x8) << 60);
    static const char digits[] = "0123456789abcdef";
    QString out(36, Qt::Uninitialized);
    QChar *c = out.data();
    int pos = 0;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            c[pos++] = QLatin1Char('-');
        const quint64 word = i < 16 ? hi : lo;
        c[pos++] = QLatin1Char(digits[(word >> (60 - 4 * (i % 16))) & 0xf]);
    }
    return out;
}

} // namespace idem
