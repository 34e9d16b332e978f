// SPDX-License-Identifier: Apache-2.0
// The words generated container names are made of: our own lists of adjectives and of surnames of
// scientists and engineers, kept sorted. Only new names depend on them, so editing them breaks nothing stored.

extension ContainerNameGenerator {
    /// The first half of a generated name.
    static let adjectives: [String] = [
        "able", "agile", "airy", "amber", "ample", "apt", "ardent", "astute", "bold", "brave", "breezy", "bright", "brisk", "buoyant",
        "calm", "candid", "careful", "cheery", "civil", "clever", "cosmic", "cozy", "crisp", "curious", "dapper", "daring", "deft",
        "devoted", "diligent", "eager", "earnest", "easy", "elated", "epic", "exact", "fair", "fearless", "festive", "fluent", "fond",
        "frank", "free", "fresh", "gentle", "gifted", "glad", "golden", "graceful", "grand", "hearty", "helpful", "honest", "humble",
        "jolly", "jovial", "keen", "kind", "lively", "loyal", "lucid", "lucky", "mellow", "merry", "mighty", "mindful", "modest", "neat",
        "nimble", "noble", "patient", "peaceful", "placid", "plucky", "polite", "proud", "quick", "quiet", "radiant", "rapid", "ready",
        "robust", "rosy", "serene", "sharp", "shiny", "silent", "sincere", "sleek", "smart", "snappy", "sober", "solid", "spry",
        "steady", "stoic", "sturdy", "sunny", "swift", "tender", "thrifty", "tidy", "tranquil", "trusty", "upbeat", "valiant", "vivid",
        "warm", "wise", "witty", "zealous", "zesty",
    ]

    /// The second half: surnames of notable scientists and engineers.
    static let surnames: [String] = [
        "abel", "agnesi", "alhazen", "ampere", "archimedes", "avicenna", "avogadro", "babbage", "backus", "banach", "bardeen", "bell",
        "bernoulli", "berzelius", "bessel", "bohr", "boltzmann", "boole", "bose", "brahe", "brattain", "brunel", "cantor", "carnot",
        "carson", "cauchy", "cavendish", "cerf", "chandrasekhar", "clausius", "conway", "copernicus", "coulomb", "crick", "curie",
        "daimler", "dalton", "darwin", "descartes", "diesel", "dijkstra", "diophantus", "dirac", "doppler", "edison", "ehrenfest",
        "eiffel", "einstein", "engelbart", "euclid", "euler", "fahrenheit", "faraday", "fermat", "fermi", "feynman", "fibonacci",
        "fleming", "fourier", "franklin", "fresnel", "galileo", "galois", "galvani", "gauss", "germain", "gibbs", "goodall", "hamilton",
        "hamming", "hawking", "heisenberg", "helmholtz", "herschel", "hertz", "hilbert", "hodgkin", "hollerith", "hooke", "hopper",
        "hubble", "humboldt", "huygens", "hypatia", "jacobi", "johnson", "joule", "kelvin", "kepler", "kernighan", "kilby", "knuth",
        "kolmogorov", "kovalevskaya", "lagrange", "lamarr", "lamport", "laplace", "lavoisier", "leavitt", "lebesgue", "leibniz",
        "lemaitre", "liskov", "lorentz", "lovelace", "marconi", "markov", "maxwell", "mccarthy", "mcclintock", "meitner", "mendel",
        "mendeleev", "metcalfe", "michelson", "minsky", "mirzakhani", "mobius", "morse", "napier", "nash", "neumann", "newton",
        "nightingale", "nobel", "noether", "noyce", "nyquist", "ohm", "pascal", "pasteur", "pauli", "pauling", "perlman", "planck",
        "poincare", "ptolemy", "pythagoras", "ramanujan", "rayleigh", "riemann", "ritchie", "roentgen", "rutherford", "sagan", "salk",
        "sammet", "schrodinger", "shannon", "shockley", "siemens", "snell", "somerville", "stephenson", "stokes", "stroustrup",
        "sutherland", "tarski", "telford", "tesla", "thomson", "torvalds", "turing", "ulam", "volta", "wallace", "watt", "weierstrass",
        "westinghouse", "wiener", "wilkes", "wirth", "wright", "wu", "yalow", "yonath", "zuse",
    ]
}
