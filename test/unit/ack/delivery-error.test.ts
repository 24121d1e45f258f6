import { describe, expect, it } from 'vitest';
import { classifyDeliveryError } from '../../../src/ack/delivery-error.ts';

describe('classifyDeliveryError', () => {
  it('retries 4xx answers, timeouts and dropped connections', () => {
    expect(classifyDeliveryError({ code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 Temporary lookup failure' })).toBe(
      'temporary',
    );
    expect(classifyDeliveryError({ code: 'ETIMEDOUT', message: 'Greeting never received' })).toBe('temporary');
    expect(classifyDeliveryError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:465' })).toBe('temporary');
  });

  it("retries NetEase's quota and rate answers, whatever their code", () => {
    expect(classifyDeliveryError({ responseCode: 451, response: '451 MI:SFQ 发信人在15分钟内的发信数量超过限制' })).toBe('temporary');
    expect(classifyDeliveryError({ responseCode: 554, response: '554 RP:TRC 当天内累计收件人数超过限制' })).toBe('temporary');
    expect(classifyDeliveryError({ responseCode: 421, response: '421 HL:IFC too many mails' })).toBe('temporary');
  });

  it('never retries a refused recipient or message', () => {
    expect(classifyDeliveryError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User not found' })).toBe('permanent');
    expect(classifyDeliveryError({ code: 'EMESSAGE', responseCode: 552, response: '552 message is too long' })).toBe('permanent');
    expect(classifyDeliveryError({ code: 'EENVELOPE', message: 'No recipients defined' })).toBe('permanent');
  });

  it('keeps the reply but stops on a refused login (a configuration problem)', () => {
    expect(classifyDeliveryError({ code: 'EAUTH', responseCode: 535, response: '535 Error: authentication failed' })).toBe('config');
  });
});
