/**
 * The webhook URLs a tenant's voice provider calls (seed 001's routes, DESIGN §3 key shapes): PUBLIC_BASE_URL, the
 * voice config's routing key, and our call id — the routing fields read before the signature is checked.
 */
export class VoiceUrls {
  private readonly base: string;
  private readonly key: string;

  constructor(publicBaseUrl: string, webhookKey: string) {
    this.base = `${publicBaseUrl.replace(/\/+$/, '')}/webhooks/twilio`;
    this.key = encodeURIComponent(webhookKey);
  }

  answer(callId: string): string {
    return this.url('answer', callId);
  }

  status(callId: string): string {
    return this.url('status', callId);
  }

  amd(callId: string): string {
    return this.url('amd', callId);
  }

  conference(callId: string): string {
    return this.url('conference-status', callId);
  }

  recording(callId: string): string {
    return this.url('recording', callId);
  }

  /** An agent's leg answered: whisper, then join `conferenceName`. */
  agentAnswer(callId: string, conferenceName: string): string {
    return `${this.url('agent-answer', callId)}&conferenceName=${encodeURIComponent(conferenceName)}`;
  }

  /** The whisper alone, played to the agent as a participant announcement; `callId` is the lead's call. */
  announce(callId: string): string {
    return `${this.url('agent-answer', callId)}&announce=1`;
  }

  inbound(): string {
    return `${this.base}/voice-inbound?key=${this.key}`;
  }

  /** The number's status callback (calls to it carry no id of ours: matched by CallSid). */
  numberStatus(): string {
    return `${this.base}/status?key=${this.key}`;
  }

  private url(route: string, callId: string): string {
    return `${this.base}/${route}?key=${this.key}&callId=${encodeURIComponent(callId)}`;
  }
}

/** Conference names: a lead's own (waiting for AMD or an agent) and an agent's (their live leg waits there). */
export const Conferences = {
  ofCall: (callId: string) => `call_${callId}`,
  ofAgent: (agentId: string) => `agent_${agentId}`,
};
