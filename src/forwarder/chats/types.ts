/** What a formatter produces: the JSON body and any query parameters the chat reads. */
export interface ChatRequest {
  readonly body: unknown;
  /** Added to the webhook URL's query (Discord's `wait`/`thread_id`, Google Chat's reply option). */
  readonly query: Readonly<Record<string, string>>;
}
