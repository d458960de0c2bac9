/**
 * Simulators of the two IPFS pinning APIs the consumer can use, Pinata
 * ({@code pinFileToIPFS}) and a Kubo node ({@code /api/v0/add}), each on its own port
 * with its own fault switches, returning content-derived CIDv0s.
 */
package app.flashcastr.simulators.ipfs;
